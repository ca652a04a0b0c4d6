/*
 * Progress of long work on standard error: one reporter for every command.
 * Work counts units (days simulated, draws, runs, evaluations); the reporter
 * prints what is done, the rate and the time left. On a terminal it redraws one
 * line in place; otherwise (logs, pipes) it prints a line per tenth of the work.
 * Nothing is printed before the work has taken a second (bar) or two (lines),
 * so quick commands stay silent. Adding units is thread-safe and has no effect
 * on any result.
 */
#ifndef RIDERSIM_PROGRESS_H
#define RIDERSIM_PROGRESS_H

#ifdef __cplusplus
extern "C" {
#endif

enum { RS_PROGRESS_QUIET = 0, RS_PROGRESS_BAR = 1, RS_PROGRESS_LINES = 2 };

typedef struct rs_progress rs_progress;
/* A reporter for WHAT ("run", "forecast"), counting UNIT ("days", "draws").
 * MODE is RS_PROGRESS_*; NULL when out of memory (progress is then not shown). */
rs_progress *rs_progress_new(const char *what, const char *unit, int mode);
/* The mode a command should use: quiet with -q, a bar on a terminal, else lines. */
int rs_progress_auto_mode(int quiet);
/* Print nothing before SECONDS of work (default: 1 s for the bar, 2 s for lines). */
void rs_progress_set_delay(rs_progress *p, double seconds);
/* Add N to the total expected (0 while unknown: no percentage or ETA). */
void rs_progress_expect(rs_progress *p, long n);
/* N more units done (thread-safe; P may be NULL). */
void rs_progress_add(rs_progress *p, long n);
/* Units done so far. */
long rs_progress_done(const rs_progress *p);
/* The work is over: the last line ("done"), when anything was shown. */
void rs_progress_finish(rs_progress *p);
void rs_progress_free(rs_progress *p);

#ifdef __cplusplus
}
#endif
#endif
