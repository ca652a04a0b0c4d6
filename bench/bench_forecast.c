/* Benchmark: a 200-draw forecast of the built-in baseline to 2030-12-31 on
 * 2 threads (the bar: within a minute on 2 cores). Prints the time. */
#include <stdio.h>
#include <stdlib.h>
#include "ridersim/forecast.h"

int main(int argc, char **argv) {
  rs_init();
  rs_forecast_options o;
  rs_forecast_options_default(&o);
  o.until = "2030-12-31";
  o.draws = argc > 1 ? atoi(argv[1]) : 200;
  o.threads = argc > 2 ? atoi(argv[2]) : 2;
  const char *sets[] = {"market.growth=0.03"};
  o.sets = sets;
  o.nsets = 1;
  rs_diag *d = rs_diag_alloc();
  rs_forecast *f = NULL;
  int rc = rs_forecast_run(&o, &f, d);
  if (rc) {
    for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
    rs_diag_free(d);
    return 1;
  }
  printf("forecast: %d draws x %d days on %d threads: %.2f s (%.1f ms per draw)\n", o.draws,
         rs_forecast_days(f), o.threads, rs_forecast_seconds(f),
         1e3 * rs_forecast_seconds(f) / o.draws);
  rs_forecast_free(f);
  rs_diag_free(d);
  return 0;
}
