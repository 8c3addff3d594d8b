import { z } from 'zod';

// Zod compiles object parsers with `new Function` when it may. The app's CSP forbids eval (as it
// should), so the probe only adds a CSP report to every page load: parse without it.
z.config({ jitless: true });
