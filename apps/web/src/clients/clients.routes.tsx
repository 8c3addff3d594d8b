import type { RouteObject } from 'react-router';

/** The clients screens, mounted inside the signed-in layout. */
export const clientsRoutes: RouteObject[] = [];
