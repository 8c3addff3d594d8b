import { useEffect } from 'react';

const APP_NAME = 'Arbor';

/**
 * Names the browser tab and history entry after the page ("Services · Arbor"), so a screen reader
 * announces where a navigation landed and tabs can be told apart (WCAG 2.4.2). `undefined` while
 * the page cannot name itself yet (a client still loading) leaves just "Arbor". Leaving the page
 * gives back the title from before, so nothing names a page that is no longer shown.
 */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    const before = document.title;
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
    return () => {
      document.title = before;
    };
  }, [title]);
}
