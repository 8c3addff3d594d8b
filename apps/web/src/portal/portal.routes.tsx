import type { RouteObject } from 'react-router';

/** The portal screens, mounted inside the signed-in layout. */
export const portalRoutes: RouteObject[] = [];
