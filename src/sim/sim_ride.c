/* Per-stop records of every train of every day (sim_ride.h): the day's
 * timetable and per-stop results are copied after the engine has run and
 * spilled to an unnamed temporary file through a buffered FILE, so the run
 * keeps only the FILE's buffer in memory whatever its length. A timetable
 * built from departures_csv rows keeps its stops in row order (timetable.c),
 * so stop i of the day is row day_row0 + i. */
#define _GNU_SOURCE /* O_TMPFILE, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sim/sim.h"
#include "sim/sim_ride.h"

enum { RS__RIDE_BUF = 1 << 16 }; /* the FILE's buffer: the memory the records keep */

void rs__ride_free(rs__ride *r) {
  if (!r) return;
  if (r->f) fclose(r->f); /* unnamed: closing it frees its disk space */
  memset(r, 0, sizeof *r);
}

static const char *rs__ride_dir(void) {
  const char *dir = getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

/* An unnamed file in $TMPDIR (else /tmp): O_TMPFILE where the file system has
 * it, else a fresh mkstemp name unlinked at once (ours: created exclusively).
 * No silent fallback to another folder: a TMPDIR set on purpose is obeyed. */
static int rs__ride_open(rs__ride *r) {
  const char *dir = rs__ride_dir();
  int fd = -1;
#ifdef O_TMPFILE
  fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
  if (fd < 0) {
    char path[4200];
    snprintf(path, sizeof path, "%s/ridersim-ride.XXXXXX", dir);
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0) unlink(path);
  }
  if (fd >= 0 && !(r->f = fdopen(fd, "w+b"))) close(fd);
  if (!r->f || setvbuf(r->f, NULL, _IOFBF, RS__RIDE_BUF) != 0) {
    snprintf(r->err, sizeof r->err,
             "%s: cannot create a temporary file for the GTFS-Ride records: %s "
             "(TMPDIR names the folder)", dir, strerror(errno));
    return RS_EIO;
  }
  return RS_OK;
}

static int rs__ride_write_failed(rs__ride *r) {
  snprintf(r->err, sizeof r->err,
           "%s: cannot write the GTFS-Ride records to their temporary file after %zu "
           "records (%.1f MB): %s (a full disk? TMPDIR names the folder)",
           rs__ride_dir(), r->n, (double)(r->n * sizeof(rs__ride_rec)) / 1e6, strerror(errno));
  return RS_EIO;
}

int rs__ride_finish(rs__ride *r) {
  if (r->err[0]) return RS_EIO;
  if (r->f && fflush(r->f) != 0) return rs__ride_write_failed(r);
  return RS_OK;
}

int rs__sim_ride_record(rs_sim *sim, int32_t date) {
  rs__ride *rd = sim->ride;
  const rs__day_tt *tt = &sim->tt;
  const rs__day_result *res = &sim->day;
  int from_rows = sim->s->timetable.nrows > 0;
  if (rd->err[0]) return RS_EIO;
  if (!rd->f && rs__ride_open(rd) != RS_OK) return RS_EIO;
  for (int r = 0; r < tt->nruns; r++) {
    const rs__run *run = &tt->runs[r];
    rs__ride_run rr;
    memset(&rr, 0, sizeof rr); /* no uninitialised padding written */
    rr.date = date;
    rr.nstops = run->nstops;
    /* the id up to its NUL: the bytes after it may be uninitialised */
    memcpy(rr.id, run->id, strnlen(run->id, sizeof rr.id - 1));
    if (fwrite(&rr, sizeof rr, 1, rd->f) != 1) return rs__ride_write_failed(rd);
    for (int k = 0; k < run->nstops; k++) {
      int i = run->first_stop + k;
      rs__ride_rec x;
      memset(&x, 0, sizeof x);
      x.row = from_rows ? sim->day_row0 + i : -1;
      x.station = (int16_t)tt->stops[i].station;
      x.k = (int16_t)k;
      x.board = (float)res->stop_board[i];
      x.alight = (float)res->stop_alight[i];
      x.load = (float)res->stop_load[i];
      x.arr_s = tt->stops[i].arr_s;
      x.dep_s = tt->stops[i].dep_s;
      if (fwrite(&x, sizeof x, 1, rd->f) != 1) return rs__ride_write_failed(rd);
      rd->n++;
    }
    if (rd->nruns++ == 0) rd->first_date = date;
    rd->last_date = date;
  }
  return RS_OK;
}

int rs__ride_read_begin(const rs__ride *r, rs__ride_reader *rd) {
  memset(rd, 0, sizeof *rd);
  rd->f = r->f;
  if (rd->f && fseek(rd->f, 0, SEEK_SET) != 0) return RS_EIO;
  return RS_OK;
}

int rs__ride_read(rs__ride_reader *rd, rs__ride_rec *x) {
  while (rd->left == 0) {
    if (!rd->f) return 0;
    if (fread(&rd->run, sizeof rd->run, 1, rd->f) != 1) return ferror(rd->f) ? RS_EIO : 0;
    if (rd->run.nstops < 0) return RS_EIO;
    rd->left = rd->run.nstops;
  }
  if (fread(x, sizeof *x, 1, rd->f) != 1) return RS_EIO;
  rd->left--;
  return 1;
}
