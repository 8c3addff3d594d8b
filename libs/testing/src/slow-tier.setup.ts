// Integration and end-to-end tests wait on real services (a broker restart takes seconds).
jest.setTimeout(120_000);
