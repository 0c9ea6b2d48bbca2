'use strict';
/**
 * The Node options the server runs with: `npm start` (the root package.json repeats them, as JSON
 * cannot import), the cluster script, the tests and the benchmark all start it with these.
 *
 * --single-threaded-gc: V8 otherwise marks and sweeps on helper threads. When the server has one
 * core (a small VPS, a container limited to one CPU, the benchmark's pinning), those threads can
 * only run by pre-empting the thread that answers requests, a scheduler time slice at a time. That
 * was the 10–30 ms tail of message latency (BENCHMARKS.md); on the main thread, V8 marks in small
 * steps between requests instead, and the server spends less CPU per message as well.
 */
exports.SERVER_NODE_FLAGS = ['--single-threaded-gc'];
