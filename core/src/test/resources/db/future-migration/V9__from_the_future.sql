-- A migration from a newer runstore than the one under test.
CREATE TABLE from_the_future (id INTEGER PRIMARY KEY);
