/* Status codes and their messages: the one table. */
#include <gsl/gsl_errno.h>
#include "ridersim/ridersim.h"

void rs_init(void) { gsl_set_error_handler_off(); }

static const struct {
  int code;
  const char *msg;
} rs__errors[] = {
    {RS_OK, "success"},
    {RS_ENOMEM, "out of memory"},
    {RS_EIO, "cannot read or write a file"},
    {RS_ESYNTAX, "malformed input"},
    {RS_EINVAL, "invalid scenario"},
    {RS_ELIMIT, "input exceeds a limit"},
    {RS_EUSAGE, "bad command-line usage"},
    {RS_ESTATE, "call out of order"},
    {RS_ECALIB, "calibration cannot be solved"},
    {RS_EINTERNAL, "internal error"},
};

const char *rs_strerror(int code) {
  for (size_t i = 0; i < sizeof rs__errors / sizeof rs__errors[0]; i++)
    if (rs__errors[i].code == code) return rs__errors[i].msg;
  return "unknown error";
}

const char *rs_version(void) { return RS_VERSION; }
