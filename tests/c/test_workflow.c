/* The whole workflow from C: practice, people, program, engagements under the free plan,
 * sessions and progress, notes, goals, assignments, resources, the dashboards, the log. Every
 * handle is freed: run under valgrind, it must show no leak. */
#include <stdlib.h>
#include <time.h>
#include "check.h"

/* Whether two files hold the same bytes. */
static int same_file(const char *a, const char *b) {
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa != NULL && fb != NULL;
    while (same) {
        int ca = fgetc(fa), cb = fgetc(fb);
        if (ca != cb) same = 0;
        if (ca == EOF || cb == EOF) break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "c-workflow.db";
    remove(path);
    CoachingLib *lib = NULL;
    OK(coaching_open(path, &lib));
    STREQ(coaching_version(), COACHING_VERSION);

    CoachingPlanInput free_plan = {"free", 1, 1, false};
    CoachingPractice *practice = NULL;
    CoachingCoach *owner = NULL;
    OK(coaching_create_practice(lib, "Bright Path Coaching", "Europe/London", &free_plan, "Olivia Owner", NULL, &practice, &owner));
    STREQ(practice->plan_name, "free");
    CHECK(practice->plan_max_active_engagements == 1);
    CHECK(owner->email == NULL);
    const char *me = owner->id;
    const char *pid = practice->id;

    CoachingClient *carla = NULL, *dan = NULL;
    OK(coaching_add_client(lib, COACH, me, pid, "Carla Client", "carla@example.com", true, &carla));
    OK(coaching_add_client(lib, COACH, me, pid, "Dan Client", NULL, false, &dan));
    CoachingProgram *program = NULL;
    OK(coaching_create_program(lib, COACH, me, pid, "Leadership", COACHING_PROGRESS_UNIT_SESSIONS, 4, 60, true, 24 * 60, &program));
    CHECK(program->late_cancel_window_minutes == 1440);

    CoachingEngagement *first = NULL, *second = NULL;
    OK(coaching_create_engagement(lib, COACH, me, pid, program->id, me, carla->id, NULL, -1, 0, "2026-03-02", NULL, &first));
    CHECK(first->status == COACHING_STATUS_DRAFT);
    STREQ(first->program_name, "Leadership");
    STREQ(first->start_date, "2026-03-02");
    CHECK(first->end_date == NULL); /* TBD */
    STREQ(first->progress_text, "0/4");
    OK(coaching_create_engagement(lib, COACH, me, pid, NULL, me, dan->id, "Career", COACHING_PROGRESS_UNIT_SESSIONS, 6, NULL, NULL, &second));

    CoachingEngagement *active = NULL;
    OK(coaching_set_status(lib, COACH, me, first->id, COACHING_STATUS_ACTIVE, NULL, &active));
    CHECK(active->status == COACHING_STATUS_ACTIVE);
    CHECK(active->phase == COACHING_PHASE_NOT_STARTED);
    coaching_engagement_free(active);
    /* The free plan refuses a second active engagement. */
    EXPECT(COACHING_RESULT_PLAN_LIMIT_REACHED, coaching_set_status(lib, COACH, me, second->id, COACHING_STATUS_ACTIVE, NULL, NULL));
    CHECK(coaching_last_error_limit() == 1);
    CHECK(coaching_last_error_current() == 1);
    STREQ(coaching_last_error_field(), "active_engagements");

    /* Sessions: a series of 4 in the past week by week, 2 completed, 1 no-show. */
    int64_t now = (int64_t)time(NULL);
    int64_t start = now - 4 * 7 * 86400;
    CoachingList *series = NULL;
    OK(coaching_book_series(lib, COACH, me, first->id, start, 0, "Europe/London", COACHING_LOCATION_KIND_ZOOM,
                            "https://zoom.us/j/123456789", 1, 4, NULL, &series));
    CHECK(coaching_list_len(series) == 4);
    const CoachingSession *s0 = coaching_list_session(series, 0);
    CHECK(s0 != NULL && s0->minutes == 60 && s0->location_kind == COACHING_LOCATION_KIND_ZOOM);
    STREQ(s0->join_url, "https://zoom.us/j/123456789");
    CHECK(coaching_list_engagement(series, 0) == NULL); /* wrong type: NULL */
    CHECK(coaching_list_session(series, 4) == NULL);    /* out of range: NULL */
    OK(coaching_complete_session(lib, COACH, me, coaching_list_session(series, 0)->id, NULL));
    OK(coaching_complete_session(lib, COACH, me, coaching_list_session(series, 1)->id, NULL));
    CoachingSession *noshow = NULL;
    OK(coaching_mark_no_show(lib, COACH, me, coaching_list_session(series, 2)->id, &noshow));
    CHECK(noshow->status == COACHING_SESSION_STATUS_NO_SHOW);
    coaching_session_free(noshow);
    CoachingEngagement *line = NULL;
    OK(coaching_engagement(lib, COACH, me, first->id, &line));
    STREQ(line->progress_text, "3/4");
    CHECK(line->progress_used == 3 && line->progress_planned == 4);
    CHECK(line->progress_percent == 75.0);
    CHECK(line->phase == COACHING_PHASE_IN_PROGRESS);
    STREQ(line->coach_name, "Olivia Owner");
    STREQ(line->client_name, "Carla Client");
    coaching_engagement_free(line);
    /* The last one completes the engagement automatically. */
    OK(coaching_complete_session(lib, COACH, me, coaching_list_session(series, 3)->id, NULL));
    OK(coaching_engagement(lib, COACH, me, first->id, &line));
    CHECK(line->status == COACHING_STATUS_COMPLETED);
    STREQ(line->completion_reason, "all planned sessions used");
    coaching_engagement_free(line);
    coaching_list_free(series);

    /* Upgrade, activate the second; upcoming sessions for the coach. */
    CoachingPlanInput solo = {"solo", -1, 1, false};
    OK(coaching_change_plan(lib, COACH, me, pid, &solo, NULL));
    OK(coaching_set_status(lib, COACH, me, second->id, COACHING_STATUS_ACTIVE, NULL, NULL));
    CoachingSession *next = NULL;
    OK(coaching_book_session(lib, COACH, me, second->id, now + 86400, 0, NULL, COACHING_LOCATION_KIND_PHONE, "+44 20 7946 0000", &next));
    CoachingList *week = NULL;
    OK(coaching_upcoming_sessions_for_coach(lib, COACH, me, owner->id, now, now + 7 * 86400, &week));
    CHECK(coaching_list_len(week) == 1);
    const CoachingSessionLine *sl = coaching_list_session_line(week, 0);
    CHECK(sl != NULL && strcmp(sl->client_name, "Dan Client") == 0 && sl->session.start == now + 86400);
    coaching_list_free(week);
    char *ics = NULL;
    OK(coaching_export_ics_for_engagement(lib, COACH, me, second->id, &ics));
    CHECK(ics != NULL && strstr(ics, "BEGIN:VCALENDAR") != NULL && strstr(ics, "TZID=Europe/London") != NULL);
    coaching_string_free(ics);
    coaching_session_free(next);

    /* Notes, search, goals, assignments, resources. */
    CoachingNote *note = NULL;
    OK(coaching_create_note(lib, COACH, me, first->id, "Session notes", "<p>Delegation <b>wins</b><script>x()</script></p>", NULL, &note));
    STREQ(note->body_html, "<p>Delegation <b>wins</b></p>");
    CHECK(!note->shared);
    OK(coaching_set_note_shared(lib, COACH, me, note->id, true, NULL));
    CoachingList *hits = NULL;
    OK(coaching_search_notes(lib, CLIENT, carla->id, 0, first->id, "delegation", 0, 0, 0, 20, &hits));
    CHECK(coaching_list_len(hits) == 1);
    const CoachingNoteHit *hit = coaching_list_note_hit(hits, 0);
    CHECK(hit != NULL && strstr(hit->snippet_html, "<mark>Delegation</mark>") != NULL);
    coaching_list_free(hits);
    coaching_note_free(note);

    CoachingGoal *goal = NULL;
    OK(coaching_create_goal(lib, COACH, me, second->id, "Land a new role", NULL, "2026-12-31",
                              COACHING_GOAL_HORIZON_LONG, &goal));
    CoachingMilestone *ms = NULL;
    OK(coaching_add_milestone(lib, COACH, me, goal->id, "Update CV", "2026-01-10", &ms));
    CoachingList *goals = NULL;
    OK(coaching_goals(lib, COACH, me, second->id, &goals));
    const CoachingGoal *g0 = coaching_list_goal(goals, 0);
    CHECK(g0 != NULL && g0->milestone_count == 1);
    STREQ(g0->milestones[0].name, "Update CV");
    coaching_list_free(goals);
    coaching_milestone_free(ms);
    coaching_goal_free(goal);

    CoachingAssignment *asg = NULL;
    OK(coaching_create_assignment(lib, COACH, me, second->id, "Values worksheet", NULL, "2026-01-05", &asg));
    static const uint8_t pdf[] = {'%', 'P', 'D', 'F'};
    CoachingResourceInput file = {COACHING_RESOURCE_KIND_FILE, "Worksheet.pdf", "application/pdf", pdf, sizeof pdf, NULL};
    CoachingResource *res = NULL;
    OK(coaching_add_to_library(lib, COACH, me, pid, NULL, &file, &res));
    CHECK(res->size == 4);
    CHECK(res->sha256 != NULL && strlen(res->sha256) == 64);
    CoachingAssignmentFile *af = NULL;
    OK(coaching_add_assignment_file_from_library(lib, COACH, me, asg->id, res->id, "Enjoy", &af));
    STREQ(af->message, "Enjoy");
    CoachingBytes *bytes = NULL;
    CoachingResource *meta = NULL;
    OK(coaching_download(lib, COACH, me, res->id, NULL, &meta, &bytes));
    CHECK(bytes->len == 4 && memcmp(bytes->data, pdf, 4) == 0);
    STREQ(meta->media_type, "application/pdf");
    coaching_bytes_free(bytes);
    coaching_resource_free(meta);
    coaching_assignment_file_free(af);
    coaching_resource_free(res);
    coaching_assignment_free(asg);

    /* The dashboards: overview, to-dos; the log. */
    CoachingList *overview = NULL;
    OK(coaching_overview_for_practice(lib, COACH, me, pid, &overview));
    CHECK(coaching_list_len(overview) == 2);
    for (size_t i = 0; i < coaching_list_len(overview); i++) {
        const CoachingEngagement *e = coaching_list_engagement(overview, i);
        CHECK(e != NULL && e->progress_text != NULL && e->coach_name != NULL);
    }
    coaching_list_free(overview);
    CoachingList *todos = NULL;
    OK(coaching_client_todos(lib, COACH, me, owner->id, 0, 50, &todos));
    CHECK(coaching_list_len(todos) == 3);
    const CoachingTodo *t0 = coaching_list_todo(todos, 0);
    CHECK(t0 != NULL && t0->kind == COACHING_TODO_KIND_ASSIGNMENT && t0->overdue);
    coaching_list_free(todos);
    /* What is due this year: the same open items, as reminders to the coach (and the client).
       Instants are seconds since the epoch. */
    int64_t today = 0;
    OK(coaching_now(lib, &today));
    CoachingList *due = NULL;
    OK(coaching_due(lib, COACH, me, pid, today, today + 365LL * 86400, &due));
    size_t overdue_assignments = 0;
    for (size_t i = 0; i < coaching_list_len(due); i++) {
        const CoachingReminder *r = coaching_list_reminder(due, i);
        CHECK(r != NULL && r->to_id != NULL && r->to_name != NULL && r->title != NULL);
        CHECK(r->kind == COACHING_DUE_KIND_SESSION ? r->starts_at > 0 && r->due_date == NULL
                                                   : r->starts_at == 0 && r->due_date != NULL);
        if (r->kind == COACHING_DUE_KIND_ASSIGNMENT && r->overdue && r->to_kind == COACHING_ACTOR_KIND_COACH)
            overdue_assignments++;
    }
    CHECK(coaching_list_len(due) >= 3 && overdue_assignments == 1);
    coaching_list_free(due);
    CoachingList *log = NULL;
    OK(coaching_practice_activity(lib, COACH, me, pid, 0, 500, &log));
    CHECK(coaching_list_len(log) > 20);
    const CoachingLogEntry *newest = coaching_list_log_entry(log, 0);
    CHECK(newest != NULL && newest->actor_kind == COACHING_ACTOR_KIND_COACH);

    /* The change feed: the owner's, read in pages of 10 from the beginning, is the log oldest
       first; the cursor is a string the host keeps. */
    size_t log_len = coaching_list_len(log), fed = 0;
    char cursor[64] = "";
    for (;;) {
        CoachingChangePage *page = NULL;
        OK(coaching_changes(lib, COACH, me, pid, fed ? cursor : NULL, 10, &page));
        if (page == NULL) break;
        for (size_t i = 0; i < page->change_count; i++, fed++) {
            const CoachingLogEntry *want = coaching_list_log_entry(log, log_len - 1 - fed);
            CHECK(want != NULL && strcmp(page->changes[i].id, want->id) == 0);
        }
        CHECK(page->more == (page->change_count == 10));
        snprintf(cursor, sizeof cursor, "%s", page->next);
        int done = !page->more;
        coaching_change_page_free(page);
        if (done) break;
    }
    CHECK(fed == log_len);
    /* The client's feed: only what they may read, never a detail. */
    CoachingChangePage *theirs = NULL;
    OK(coaching_changes(lib, CLIENT, carla->id, pid, NULL, 1000, &theirs));
    CHECK(theirs->change_count > 0 && theirs->change_count < log_len);
    for (size_t i = 0; i < theirs->change_count; i++) {
        CHECK(theirs->changes[i].detail == NULL);
        STREQ(theirs->changes[i].audience, "client");
    }
    coaching_change_page_free(theirs);
    EXPECT(COACHING_RESULT_VALIDATION, coaching_changes(lib, COACH, me, pid, "not a cursor", 10, &theirs));
    STREQ(coaching_last_error_field(), "cursor");
    EXPECT(COACHING_RESULT_VALIDATION, coaching_changes(lib, COACH, me, pid, NULL, 0, &theirs));
    coaching_list_free(log);

    /* Export the practice to a file, import it into a fresh store, export again: the same
       bytes. A second import is a conflict; a damaged file is refused with its place. */
    char export_path[512], again_path[512], damaged_path[512];
    snprintf(export_path, sizeof export_path, "%s.export.json", path);
    snprintf(again_path, sizeof again_path, "%s.again_path.json", path);
    snprintf(damaged_path, sizeof damaged_path, "%s.damaged_path.json", path);
    OK(coaching_export_practice(lib, COACH, me, pid, export_path));
    EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_export_practice(lib, CLIENT, carla->id, pid, export_path));
    CoachingLib *fresh = NULL;
    OK(coaching_open_in_memory(&fresh));
    CoachingPractice *moved = NULL;
    OK(coaching_import_practice(fresh, export_path, &moved));
    STREQ(moved->id, pid);
    STREQ(moved->name, "Bright Path Coaching");
    coaching_practice_free(moved);
    OK(coaching_export_practice(fresh, COACH, me, pid, again_path));
    CHECK(same_file(export_path, again_path));
    EXPECT(COACHING_RESULT_CONFLICT, coaching_import_practice(fresh, export_path, NULL));
    CoachingList *all = NULL;
    OK(coaching_practices(fresh, &all));
    CHECK(coaching_list_len(all) == 1);
    coaching_list_free(all);
    coaching_free(fresh);
    FILE *cut = fopen(damaged_path, "w");
    CHECK(cut != NULL);
    if (cut) {
        fputs("{\"format\": \"coaching-practice\", \"format_version\": 7", cut);
        fclose(cut);
    }
    OK(coaching_open_in_memory(&fresh));
    EXPECT(COACHING_RESULT_VALIDATION, coaching_import_practice(fresh, damaged_path, NULL));
    STREQ(coaching_last_error_field(), "format_version");
    EXPECT(COACHING_RESULT_STORAGE, coaching_import_practice(fresh, "/no/such/export.json", NULL));
    coaching_free(fresh);
    remove(export_path);
    remove(again_path);
    remove(damaged_path);

    /* Reopen the file: everything is still there. */
    char first_id[64];
    snprintf(first_id, sizeof first_id, "%s", first->id);
    coaching_engagement_free(first);
    coaching_engagement_free(second);
    coaching_program_free(program);
    coaching_client_free(carla);
    coaching_client_free(dan);
    char owner_id[64];
    snprintf(owner_id, sizeof owner_id, "%s", owner->id);
    coaching_coach_free(owner);
    coaching_practice_free(practice);
    coaching_free(lib);

    CoachingLib *again = NULL;
    OK(coaching_open(path, &again));
    OK(coaching_engagement(again, COACH, owner_id, first_id, &line));
    STREQ(line->progress_text, "4/4");
    coaching_engagement_free(line);
    coaching_free(again);
    remove(path);
    return report();
}
