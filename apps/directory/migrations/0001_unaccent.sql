-- Search ignores accents ("Pérez" is found by "perez"): the search document and every query are
-- passed through unaccent().
CREATE EXTENSION IF NOT EXISTS unaccent;
