/* The README's workflow in C: a practice on the free plan, engagements, the plan limit, a
 * session, and the overview.
 *
 *   cargo build -p coaching-ffi
 *   cc -std=c11 -Iinclude examples/c/workflow.c -Ltarget/debug -lcoaching -Wl,-rpath,target/debug -o workflow
 *   ./workflow practice.db
 */
#include <stdio.h>
#include <time.h>
#include "coaching.h"

#define TRY(call)                                                                        \
    do {                                                                                 \
        if ((call) != COACHING_RESULT_OK) {                                              \
            fprintf(stderr, "%s failed: %s\n", #call, coaching_last_error_message());    \
            return 1;                                                                    \
        }                                                                                \
    } while (0)

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "coaching-demo-c.db";
    CoachingLib *lib = NULL;
    TRY(coaching_open(path, &lib));
    printf("coaching %s, file %s\n", coaching_version(), path);

    CoachingPlanInput free_plan = {"free", 1, 1, false};
    CoachingPractice *practice = NULL;
    CoachingCoach *owner = NULL;
    TRY(coaching_create_practice(lib, "Bright Path Coaching", "Europe/London", &free_plan, "Olivia Owner", NULL, &practice, &owner));
    const char *me = owner->id;

    CoachingClient *carla = NULL, *dan = NULL;
    TRY(coaching_add_client(lib, COACHING_ACTOR_KIND_COACH, me, practice->id, "Carla Client", NULL, true, &carla));
    TRY(coaching_add_client(lib, COACHING_ACTOR_KIND_COACH, me, practice->id, "Dan Client", NULL, false, &dan));
    CoachingProgram *program = NULL;
    TRY(coaching_create_program(lib, COACHING_ACTOR_KIND_COACH, me, practice->id, "Leadership", COACHING_PROGRESS_UNIT_SESSIONS, 16, 60, true, -1, &program));

    CoachingEngagement *first = NULL, *second = NULL;
    TRY(coaching_create_engagement(lib, COACHING_ACTOR_KIND_COACH, me, practice->id, program->id, me, carla->id, NULL, -1, 0, NULL, NULL, &first));
    TRY(coaching_create_engagement(lib, COACHING_ACTOR_KIND_COACH, me, practice->id, NULL, me, dan->id, "Career Transition", COACHING_PROGRESS_UNIT_SESSIONS, 6, NULL, NULL, &second));
    TRY(coaching_set_status(lib, COACHING_ACTOR_KIND_COACH, me, first->id, COACHING_STATUS_ACTIVE, NULL, NULL));
    if (coaching_set_status(lib, COACHING_ACTOR_KIND_COACH, me, second->id, COACHING_STATUS_ACTIVE, NULL, NULL) == COACHING_RESULT_PLAN_LIMIT_REACHED) {
        printf("Refused: %s (limit %lld, current %lld)\n", coaching_last_error_message(),
               (long long)coaching_last_error_limit(), (long long)coaching_last_error_current());
    }

    int64_t held = (int64_t)time(NULL) - 7 * 86400;
    CoachingSession *session = NULL;
    TRY(coaching_book_session(lib, COACHING_ACTOR_KIND_COACH, me, first->id, held, 0, NULL, COACHING_LOCATION_KIND_ZOOM, "https://zoom.us/j/123456789", &session));
    TRY(coaching_complete_session(lib, COACHING_ACTOR_KIND_COACH, me, session->id, NULL));

    CoachingList *overview = NULL;
    TRY(coaching_overview_for_practice(lib, COACHING_ACTOR_KIND_COACH, me, practice->id, &overview));
    printf("%-14s %-14s %-18s %-10s %-8s %s\n", "Coach", "Client", "Program", "Start", "Progress", "Status");
    for (size_t i = 0; i < coaching_list_len(overview); i++) {
        const CoachingEngagement *e = coaching_list_engagement(overview, i);
        static const char *status[] = {"Draft", "Active", "Inactive", "Completed"};
        printf("%-14s %-14s %-18s %-10s %-8s %s (%.0f%%)\n", e->coach_name ? e->coach_name : "-",
               e->client_name ? e->client_name : "-", e->program_name ? e->program_name : "-",
               e->start_date ? e->start_date : "TBD", e->progress_text, status[e->status], e->progress_percent);
    }

    coaching_list_free(overview);
    coaching_session_free(session);
    coaching_engagement_free(first);
    coaching_engagement_free(second);
    coaching_program_free(program);
    coaching_client_free(carla);
    coaching_client_free(dan);
    coaching_coach_free(owner);
    coaching_practice_free(practice);
    coaching_free(lib);
    return 0;
}
