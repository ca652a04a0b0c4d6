/* The tables of names: one list for each set of names the model knows. */
#include "model/scenario.h"

_Static_assert(RS__P_OTHER + 1 == RS_NPURPOSE, "one purpose count: RS_NPURPOSE");

const char *const rs__purpose_names[RS_NPURPOSE] = {"commute", "business", "leisure", "other"};

const char *const rs__obs_kind_names[RS__OBS_NKINDS + 1] = {
    "day", "total", "mean", "cumulative", "peak", "purpose_share", "mode_share", NULL};
