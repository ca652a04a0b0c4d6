/* PLACEHOLDER: the 'commute' section, being written; replaced whole by its owner. */
#include "scenario_model.h"

int rs__bind_commute(rs__bind *b, const rs__ynode *val) {
  if (!val) return RS_OK;
  return rs__bind_err(b, val, RS_EINVAL, "'commute' is not supported yet");
}
