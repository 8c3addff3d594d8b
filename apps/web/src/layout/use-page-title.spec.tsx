import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { usePageTitle } from './use-page-title';

function Page({ title }: { title: string | undefined }) {
  usePageTitle(title);
  return null;
}

describe('usePageTitle', () => {
  beforeEach(() => {
    document.title = 'Arbor';
  });

  it('names the page before the app, and follows a name that arrives later', () => {
    const view = render(<Page title={undefined} />);
    expect(document.title).toBe('Arbor');
    view.rerender(<Page title="Ada Lovelace" />);
    expect(document.title).toBe('Ada Lovelace · Arbor');
    view.rerender(<Page title="Services" />);
    expect(document.title).toBe('Services · Arbor');
  });

  it('gives back the title from before when the page goes', () => {
    document.title = 'Clients · Arbor';
    const view = render(<Page title="Add Client" />);
    expect(document.title).toBe('Add Client · Arbor');
    view.unmount();
    expect(document.title).toBe('Clients · Arbor');
  });
});
