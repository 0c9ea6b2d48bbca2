/** Jest setup file of the `backend-postgres` project: the same e2e suite, on PostgreSQL. */
process.env.CHATROOM_TEST_DB = 'postgres';
