import type { RouteObject } from 'react-router';

/** The admin screens, mounted inside the signed-in layout. */
export const adminRoutes: RouteObject[] = [];
