#define _POSIX_C_SOURCE 199309L
/* Times the practice overview (5,000 engagements) through the C ABI on the benchmark file.
 *   ./bench_overview target/bench/practice-seed42.db   (ids read from the .ids file beside it) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "coaching.h"

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "target/bench/practice-seed42.db";
    char ids_path[1024], practice[64] = {0}, owner[64] = {0};
    snprintf(ids_path, sizeof ids_path, "%.*s.ids", (int)(strlen(path) - 3), path);
    FILE *f = fopen(ids_path, "r");
    if (!f || fscanf(f, "%63s %63s", practice, owner) != 2) { fprintf(stderr, "cannot read %s\n", ids_path); return 1; }
    fclose(f);
    CoachingLib *lib = NULL;
    if (coaching_open(path, &lib) != COACHING_RESULT_OK) { fprintf(stderr, "%s\n", coaching_last_error_message()); return 1; }
    enum { RUNS = 30 };
    double t[RUNS];
    size_t rows = 0;
    for (int i = -3; i < RUNS; i++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        CoachingList *list = NULL;
        if (coaching_overview_for_practice(lib, COACHING_ACTOR_KIND_COACH, owner, practice, &list) != COACHING_RESULT_OK) return 1;
        rows = coaching_list_len(list);
        coaching_list_free(list);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (i >= 0) t[i] = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
    }
    qsort(t, RUNS, sizeof t[0], cmp);
    printf("C overview_for_practice: %zu rows, median %.2f ms over %d runs\n", rows, t[RUNS / 2], RUNS);
    coaching_free(lib);
    return 0;
}
