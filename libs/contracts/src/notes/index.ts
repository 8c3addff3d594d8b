export * from './note.types';
export * from './add-note.command';
export * from './add-addendum.command';
export * from './list-notes.query';
export * from './get-note.query';
export * from './list-note-access.query';
export * from './note-added.event';
