/* From C: a batch (committed, and rolled back by its body), the host's clock, the upload limit,
 * and the edits only the core tested before: reassign, reschedule, set a session's location,
 * move a note, comments, update a goal and a milestone. Every handle is freed (valgrind). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define T0 1772438400 /* 2026-03-02 08:00:00 UTC */

typedef struct {
    const char *owner;
    const char *practice;
    int fail;
} Batch;

/* Whether `needle` occurs in the `len` bytes at `data` (which need not end in NUL). */
static int contains(const uint8_t *data, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++)
        if (memcmp(data + i, needle, n) == 0) return 1;
    return 0;
}

static size_t client_count(const CoachingLib *lib, const char *owner, const char *practice) {
    CoachingList *list = NULL;
    if (coaching_clients(lib, COACH, owner, practice, &list) != COACHING_RESULT_OK) return 0;
    size_t n = coaching_list_len(list);
    coaching_list_free(list);
    return n;
}

/* The batch body: adds two clients; a refused call inside changes nothing and the body goes
 * on; with `fail` set it ends with an error, which rolls everything back. */
static CoachingResult body(const CoachingLib *lib, void *user_data) {
    Batch *b = user_data;
    CoachingClient *c = NULL;
    CoachingResult r = coaching_add_client(lib, COACH, b->owner, b->practice, "Batch One", NULL, false, &c);
    coaching_client_free(c);
    if (r != COACHING_RESULT_OK) return r;
    c = NULL;
    EXPECT(COACHING_RESULT_VALIDATION, coaching_add_client(lib, COACH, b->owner, b->practice, "   ", NULL, false, &c));
    r = coaching_add_client(lib, COACH, b->owner, b->practice, "Batch Two", NULL, false, &c);
    coaching_client_free(c);
    if (r != COACHING_RESULT_OK) return r;
    if (b->fail) {
        /* A failing call whose error the batch returns as it is. */
        return coaching_add_client(lib, COACH, b->owner, b->practice, "", NULL, false, &c);
    }
    return COACHING_RESULT_OK;
}

int main(void) {
    CoachingClock *clock = NULL;
    OK(coaching_clock_new(T0, &clock));
    CoachingLib *lib = NULL;
    OK(coaching_open_in_memory_with_clock(clock, &lib));
    int64_t now = 0;
    OK(coaching_now(lib, &now));
    CHECK(now == T0);

    CoachingPlanInput team = {"team", -1, 3, true};
    CoachingPractice *p = NULL;
    CoachingCoach *owner = NULL, *sam = NULL;
    OK(coaching_create_practice(lib, "Bright Path", "Europe/London", &team, "Olivia", NULL, &p, &owner));
    const char *me = owner->id;
    OK(coaching_add_coach(lib, COACH, me, p->id, "Sam Second", NULL, &sam));
    CoachingClient *carla = NULL;
    OK(coaching_add_client(lib, COACH, me, p->id, "Carla", NULL, true, &carla));
    CoachingEngagement *e = NULL, *e2 = NULL;
    OK(coaching_create_engagement(lib, COACH, me, p->id, NULL, me, carla->id, "Leadership", COACHING_PROGRESS_UNIT_SESSIONS, 4, NULL, NULL, &e));
    OK(coaching_set_status(lib, COACH, me, e->id, COACHING_STATUS_ACTIVE, NULL, &e2));

    /* The upload limit reads back. */
    uint64_t limit = 0;
    OK(coaching_set_max_file_bytes(lib, 1234));
    OK(coaching_max_file_bytes(lib, &limit));
    CHECK(limit == 1234);

    /* A batch commits both clients; a failing body rolls both back and returns its error. */
    size_t before = client_count(lib, me, p->id);
    Batch b = {me, p->id, 0};
    OK(coaching_batch(lib, body, &b));
    CHECK(client_count(lib, me, p->id) == before + 2);
    b.fail = 1;
    EXPECT(COACHING_RESULT_VALIDATION, coaching_batch(lib, body, &b));
    STREQ(coaching_last_error_field(), "name");
    CHECK(client_count(lib, me, p->id) == before + 2);
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_batch(lib, NULL, &b));

    /* The clock: a session is held only once it has started. */
    CoachingSession *s = NULL, *s2 = NULL;
    OK(coaching_book_session(lib, COACH, me, e->id, T0 + 3600, 0, NULL, COACHING_LOCATION_KIND_PHONE, "+44 20 7946 0000", &s));
    EXPECT(COACHING_RESULT_VALIDATION, coaching_complete_session(lib, COACH, me, s->id, &s2));
    OK(coaching_clock_advance(clock, 2 * 3600));
    OK(coaching_now(lib, &now));
    CHECK(now == T0 + 2 * 3600);
    OK(coaching_complete_session(lib, COACH, me, s->id, &s2));
    CHECK(s2->status == COACHING_SESSION_STATUS_COMPLETED && s2->updated_at == T0 + 2 * 3600);
    coaching_session_free(s2);
    s2 = NULL;
    OK(coaching_clock_set(clock, T0));
    OK(coaching_now(lib, &now));
    CHECK(now == T0);

    /* Reschedule (same id, same length) and a new location. */
    CoachingSession *up = NULL;
    OK(coaching_book_session(lib, COACH, me, e->id, T0 + 86400, 0, NULL, COACHING_LOCATION_KIND_PHONE, "+44 20 7946 0000", &up));
    OK(coaching_reschedule_session(lib, COACH, me, up->id, T0 + 2 * 86400, 0, &s2));
    STREQ(s2->id, up->id);
    CHECK(s2->start == T0 + 2 * 86400 && s2->end - s2->start == 3600);
    coaching_session_free(s2);
    s2 = NULL;
    OK(coaching_set_session_location(lib, COACH, me, up->id, COACHING_LOCATION_KIND_ZOOM, "https://zoom.us/j/123456789", &s2));
    CHECK(s2->location_kind == COACHING_LOCATION_KIND_ZOOM);
    STREQ(s2->join_url, "https://zoom.us/j/123456789");
    coaching_session_free(s2);
    s2 = NULL;
    EXPECT(COACHING_RESULT_VALIDATION, coaching_set_session_location(lib, COACH, me, up->id, COACHING_LOCATION_KIND_ZOOM, "https://evil.example/j/1", &s2));

    /* Reassign: the upcoming session moves with the engagement; Sam may not move it back. */
    CoachingEngagement *moved = NULL;
    OK(coaching_reassign(lib, COACH, me, e->id, sam->id, &moved));
    STREQ(moved->coach_id, sam->id);
    OK(coaching_session(lib, COACH, me, up->id, &s2));
    STREQ(s2->coach_id, sam->id);
    coaching_session_free(s2);
    s2 = NULL;
    CoachingEngagement *back = NULL;
    EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_reassign(lib, COACH, sam->id, e->id, me, &back));
    CHECK(back == NULL);

    /* Notes: move the last to the top; comments follow the note's visibility. */
    CoachingNote *n[3] = {NULL, NULL, NULL};
    const char *titles[3] = {"Note 0", "Note 1", "Note 2"};
    for (int i = 0; i < 3; i++) OK(coaching_create_note(lib, COACH, me, e->id, titles[i], "<p>x</p>", NULL, &n[i]));
    CoachingList *order = NULL;
    OK(coaching_move_note(lib, COACH, me, n[2]->id, 0, &order));
    CHECK(coaching_list_len(order) == 3);
    STREQ(coaching_list_note(order, 0)->id, n[2]->id);
    STREQ(coaching_list_note(order, 1)->id, n[0]->id);
    CHECK(coaching_list_note(order, 2)->position == 2);
    coaching_list_free(order);
    CoachingNote *shared = NULL;
    OK(coaching_set_note_shared(lib, COACH, me, n[0]->id, true, &shared));
    coaching_note_free(shared);
    CoachingComment *c1 = NULL, *c2 = NULL, *c3 = NULL;
    OK(coaching_add_comment(lib, COACH, me, 0, n[0]->id, "<p>Well done <script>x</script></p>", &c1));
    CHECK(strstr(c1->body_html, "<script") == NULL);
    OK(coaching_add_comment(lib, CLIENT, carla->id, 0, n[0]->id, "<p>Thanks</p>", &c2));
    CoachingList *comments = NULL;
    OK(coaching_comments(lib, CLIENT, carla->id, 0, n[0]->id, &comments));
    CHECK(coaching_list_len(comments) == 2);
    STREQ(coaching_list_comment(comments, 1)->id, c2->id);
    coaching_list_free(comments);
    comments = NULL;
    EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_add_comment(lib, CLIENT, carla->id, 0, n[1]->id, "<p>hi</p>", &c3));
    EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_comments(lib, CLIENT, carla->id, 0, n[1]->id, &comments));
    CHECK(c3 == NULL && comments == NULL);

    /* Goals and milestones, edited by the client and the coach. */
    CoachingGoal *g = NULL, *g2 = NULL;
    OK(coaching_create_goal(lib, CLIENT, carla->id, e->id, "Run 5k", NULL, "2026-06-01", COACHING_GOAL_HORIZON_SHORT, &g));
    CHECK(g->horizon == COACHING_GOAL_HORIZON_SHORT);
    OK(coaching_update_goal(lib, COACH, me, g->id, "Run 10k", "by summer", "", -1, &g2));
    STREQ(g2->name, "Run 10k");
    STREQ(g2->description, "by summer");
    CHECK(g2->due_date == NULL); /* "" clears */
    CHECK(g2->horizon == COACHING_GOAL_HORIZON_SHORT); /* -1 leaves it */

    /* Goal horizons: set, moved, cleared, filtered; an out-of-range value changes nothing. */
    {
        CoachingGoal *long_goal = NULL, *moved = NULL, *bad = NULL;
        CoachingList *by = NULL;
        OK(coaching_create_goal(lib, COACH, me, e->id, "Change careers", NULL, NULL, COACHING_GOAL_HORIZON_LONG, &long_goal));
        OK(coaching_goals_by_horizon(lib, CLIENT, carla->id, e->id, COACHING_GOAL_HORIZON_LONG, &by));
        CHECK(coaching_list_len(by) == 1);
        STREQ(coaching_list_goal(by, 0)->name, "Change careers");
        coaching_list_free(by);
        by = NULL;
        OK(coaching_update_goal(lib, CLIENT, carla->id, g->id, NULL, NULL, NULL, COACHING_GOAL_HORIZON_MID, &moved));
        CHECK(moved->horizon == COACHING_GOAL_HORIZON_MID);
        coaching_goal_free(moved);
        moved = NULL;
        OK(coaching_update_goal(lib, COACH, me, long_goal->id, NULL, NULL, NULL, COACHING_GOAL_HORIZON_NONE, &moved));
        CHECK(moved->horizon == COACHING_GOAL_HORIZON_NONE);
        OK(coaching_goals_by_horizon(lib, COACH, me, e->id, COACHING_GOAL_HORIZON_NONE, &by));
        CHECK(coaching_list_len(by) == 1);
        STREQ(coaching_list_goal(by, 0)->name, "Change careers");
        coaching_list_free(by);
        by = NULL;
        EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_update_goal(lib, COACH, me, g->id, NULL, NULL, NULL, 7, &bad));
        EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_create_goal(lib, COACH, me, e->id, "X", NULL, NULL, -1, &bad));
        EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_goals_by_horizon(lib, COACH, me, e->id, 4, &by));
        CHECK(bad == NULL && by == NULL);
        OK(coaching_goals_by_horizon(lib, COACH, me, e->id, COACHING_GOAL_HORIZON_MID, &by));
        CHECK(coaching_list_len(by) == 1);
        coaching_list_free(by);
        coaching_goal_free(moved);
        coaching_goal_free(long_goal);
    }
    /* The client journal: private until shared; only its author changes it; the coach never
       reads a private entry. */
    {
        CoachingJournalEntry *mine = NULL, *open = NULL, *edited = NULL, *none = NULL;
        CoachingList *j = NULL;
        OK(coaching_create_journal_entry(lib, CLIENT, carla->id, e->id, "Tuesday", "<p>tired<script>x()</script></p>", false, &mine));
        CHECK(!mine->shared);
        STREQ(mine->body_html, "<p>tired</p>");
        STREQ(mine->client_id, carla->id);
        OK(coaching_create_journal_entry(lib, CLIENT, carla->id, e->id, "For Olivia", NULL, true, &open));
        OK(coaching_journal(lib, COACH, me, e->id, &j));
        CHECK(coaching_list_len(j) == 1);
        STREQ(coaching_list_journal_entry(j, 0)->title, "For Olivia");
        coaching_list_free(j);
        j = NULL;
        OK(coaching_journal(lib, CLIENT, carla->id, e->id, &j));
        CHECK(coaching_list_len(j) == 2);
        coaching_list_free(j);
        j = NULL;
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_journal_entry(lib, COACH, me, mine->id, &none));
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_create_journal_entry(lib, COACH, me, e->id, "Mine", NULL, false, &none));
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_update_journal_entry(lib, COACH, me, open->id, "Changed", NULL, &none));
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_delete_journal_entry(lib, COACH, me, open->id));
        EXPECT(COACHING_RESULT_VALIDATION, coaching_create_journal_entry(lib, CLIENT, carla->id, e->id, "  ", NULL, false, &none));
        STREQ(coaching_last_error_field(), "title");
        EXPECT(COACHING_RESULT_NULL_POINTER, coaching_create_journal_entry(lib, CLIENT, carla->id, e->id, NULL, NULL, false, &none));
        CHECK(none == NULL);
        OK(coaching_update_journal_entry(lib, CLIENT, carla->id, mine->id, NULL, "<p>rested</p>", &edited));
        STREQ(edited->body_text, "rested");
        STREQ(edited->title, "Tuesday");
        OK(coaching_set_journal_entry_shared(lib, CLIENT, carla->id, mine->id, true, NULL));
        OK(coaching_journal_entry(lib, COACH, me, mine->id, &none));
        CHECK(none->shared);
        coaching_journal_entry_free(none);
        none = NULL;
        OK(coaching_set_journal_entry_shared(lib, CLIENT, carla->id, mine->id, false, NULL));
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_journal_entry(lib, COACH, me, mine->id, &none));
        OK(coaching_delete_journal_entry(lib, CLIENT, carla->id, mine->id));
        EXPECT(COACHING_RESULT_NOT_FOUND, coaching_journal_entry(lib, CLIENT, carla->id, mine->id, &none));
        CHECK(none == NULL);
        coaching_journal_entry_free(edited);
        coaching_journal_entry_free(open);
        coaching_journal_entry_free(mine);
    }

    CoachingMilestone *m = NULL, *m2 = NULL, *m3 = NULL;
    OK(coaching_add_milestone(lib, CLIENT, carla->id, g->id, "First 2k", "2026-04-01", &m));
    OK(coaching_update_milestone(lib, CLIENT, carla->id, m->id, "First 3k", "2026-04-15", &m2));
    STREQ(m2->name, "First 3k");
    STREQ(m2->due_date, "2026-04-15");
    EXPECT(COACHING_RESULT_VALIDATION, coaching_update_milestone(lib, CLIENT, carla->id, m->id, NULL, "9999-01-01", &m3));
    CHECK(m3 == NULL);

    coaching_milestone_free(m);
    coaching_milestone_free(m2);
    coaching_goal_free(g);
    coaching_goal_free(g2);
    coaching_comment_free(c1);
    /* Overview pages: filtered, sorted, paged, with the total; bad arguments change nothing. */
    {
        CoachingList *all = NULL;
        OK(coaching_overview_for_practice(lib, COACH, me, p->id, &all));
        size_t count = coaching_list_len(all);
        coaching_list_free(all);
        CoachingEngagement *draft = NULL;
        OK(coaching_create_engagement(lib, COACH, me, p->id, NULL, sam->id, NULL, "Career", COACHING_PROGRESS_UNIT_SESSIONS, 2, NULL, NULL, &draft));
        CoachingOverviewPage *page = NULL, *none = NULL;
        OK(coaching_overview_page(lib, COACH, me, p->id, NULL, 0, NULL, NULL, COACHING_OVERVIEW_SORT_CREATED, true, 1, 0, &page));
        CHECK(page->line_count == 1 && page->total == count + 1);
        STREQ(page->lines[0].id, draft->id); /* newest first */
        coaching_overview_page_free(page);
        page = NULL;
        int32_t drafts[] = {COACHING_STATUS_DRAFT};
        OK(coaching_overview_page(lib, COACH, sam->id, p->id, drafts, 1, sam->id, NULL, COACHING_OVERVIEW_SORT_CLIENT_NAME, false, 50, 0, &page));
        CHECK(page->line_count == 1 && page->total == 1);
        CHECK(page->lines[0].client_name == NULL);
        STREQ(page->lines[0].program_name, "Career");
        coaching_overview_page_free(page);
        page = NULL;
        OK(coaching_overview_page(lib, COACH, me, p->id, drafts, 1, NULL, NULL, COACHING_OVERVIEW_SORT_STATUS, false, 10, 5, &page));
        CHECK(page->line_count == 0 && page->total == 1); /* past the end: the total alone */
        coaching_overview_page_free(page);
        EXPECT(COACHING_RESULT_VALIDATION, coaching_overview_page(lib, COACH, me, p->id, NULL, 0, NULL, NULL, 0, false, 0, 0, &none));
        STREQ(coaching_last_error_field(), "limit");
        EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_overview_page(lib, COACH, me, p->id, NULL, 0, NULL, NULL, 9, false, 10, 0, &none));
        EXPECT(COACHING_RESULT_NULL_POINTER, coaching_overview_page(lib, COACH, me, p->id, NULL, 1, NULL, NULL, 0, false, 10, 0, &none));
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_overview_page(lib, COACH, sam->id, p->id, NULL, 0, me, NULL, 0, false, 10, 0, &none));
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_overview_page(lib, CLIENT, carla->id, p->id, NULL, 0, NULL, NULL, 0, false, 10, 0, &none));
        CHECK(none == NULL);
        coaching_engagement_free(draft);
    }

    /* Custom fields: typed values in their text form, a required field blocking activation,
       a removed choice clearing its values. */
    {
        CoachingField *tier = NULL, *budget = NULL, *changed = NULL, *none = NULL;
        CoachingEngagement *draft = NULL, *active = NULL;
        CoachingList *list = NULL;
        OK(coaching_define_field(lib, COACH, me, p->id, COACHING_FIELD_ENTITY_ENGAGEMENT, "Tier", COACHING_FIELD_KIND_CHOICE, "Bronze\nSilver\nGold", true, &tier));
        STREQ(tier->choices, "Bronze\nSilver\nGold");
        CHECK(tier->kind == COACHING_FIELD_KIND_CHOICE && tier->required_for_activation);
        OK(coaching_define_field(lib, COACH, me, p->id, COACHING_FIELD_ENTITY_ENGAGEMENT, "Budget", COACHING_FIELD_KIND_NUMBER, NULL, false, &budget));
        CHECK(budget->position == 1);
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_define_field(lib, COACH, sam->id, p->id, COACHING_FIELD_ENTITY_ENGAGEMENT, "X", COACHING_FIELD_KIND_TEXT, NULL, false, &none));
        EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_define_field(lib, COACH, me, p->id, 7, "X", COACHING_FIELD_KIND_TEXT, NULL, false, &none));
        EXPECT(COACHING_RESULT_VALIDATION, coaching_define_field(lib, COACH, me, p->id, COACHING_FIELD_ENTITY_ENGAGEMENT, "Y", COACHING_FIELD_KIND_CHOICE, NULL, false, &none));
        STREQ(coaching_last_error_field(), "choices");
        CHECK(none == NULL);
        OK(coaching_create_engagement(lib, COACH, me, p->id, NULL, me, carla->id, "Fields", COACHING_PROGRESS_UNIT_SESSIONS, 2, NULL, NULL, &draft));
        EXPECT(COACHING_RESULT_MISSING_FIELDS, coaching_set_status(lib, COACH, me, draft->id, COACHING_STATUS_ACTIVE, NULL, &active));
        OK(coaching_set_field_value(lib, COACH, me, COACHING_FIELD_ENTITY_ENGAGEMENT, draft->id, tier->id, "Silver"));
        EXPECT(COACHING_RESULT_VALIDATION, coaching_set_field_value(lib, COACH, me, COACHING_FIELD_ENTITY_ENGAGEMENT, draft->id, budget->id, "lots"));
        STREQ(coaching_last_error_field(), "value");
        OK(coaching_set_field_value(lib, COACH, me, COACHING_FIELD_ENTITY_ENGAGEMENT, draft->id, budget->id, "1200.5"));
        OK(coaching_field_values(lib, COACH, me, COACHING_FIELD_ENTITY_ENGAGEMENT, draft->id, &list));
        CHECK(coaching_list_len(list) == 2);
        STREQ(coaching_list_field_with_value(list, 0)->value, "Silver");
        STREQ(coaching_list_field_with_value(list, 1)->value, "1200.5");
        STREQ(coaching_list_field_with_value(list, 1)->field.label, "Budget");
        coaching_list_free(list);
        list = NULL;
        OK(coaching_set_status(lib, COACH, me, draft->id, COACHING_STATUS_ACTIVE, NULL, &active));
        OK(coaching_update_field(lib, COACH, me, tier->id, "Level", "Bronze\nGold", -1, 0, &changed));
        STREQ(changed->label, "Level");
        CHECK(changed->position == 0);
        OK(coaching_field_values(lib, COACH, me, COACHING_FIELD_ENTITY_ENGAGEMENT, draft->id, &list));
        CHECK(coaching_list_field_with_value(list, 0)->value == NULL); /* Silver was removed */
        coaching_list_free(list);
        list = NULL;
        OK(coaching_fields(lib, COACH, sam->id, p->id, COACHING_FIELD_ENTITY_ENGAGEMENT, &list));
        CHECK(coaching_list_len(list) == 2);
        coaching_list_free(list);
        OK(coaching_delete_field(lib, COACH, me, tier->id));
        OK(coaching_delete_field(lib, COACH, me, budget->id));
        coaching_field_free(changed);
        coaching_field_free(budget);
        coaching_field_free(tier);
        coaching_engagement_free(active);
        coaching_engagement_free(draft);
    }

    /* Forms: a template of ordered questions, sent into the engagement, answered in text form
       (choices one a line), submitted once, reopened by the coach; drafts are the client's. */
    {
        CoachingQuestionInput qs[] = {
            {"Your goal", NULL, COACHING_QUESTION_KIND_SHORT_TEXT, NULL, 0, true},
            {"Areas", "Pick any", COACHING_QUESTION_KIND_MULTIPLE_CHOICE, "Health\nWork\nFamily", 0, false},
            {"Energy", NULL, COACHING_QUESTION_KIND_SCALE, NULL, 5, true},
            {"Start", NULL, COACHING_QUESTION_KIND_DATE, NULL, 0, false},
        };
        CoachingFormTemplate *t = NULL, *t2 = NULL, *tnone = NULL;
        CoachingForm *f = NULL, *got = NULL, *none = NULL;
        CoachingList *list = NULL;
        OK(coaching_create_form_template(lib, COACH, sam->id, p->id, "Intake", "Before we start", qs, 4, &t));
        CHECK(t->question_count == 4);
        STREQ(t->questions[1].choices, "Health\nWork\nFamily");
        STREQ(t->questions[1].help, "Pick any");
        CHECK(t->questions[2].kind == COACHING_QUESTION_KIND_SCALE && t->questions[2].scale_max == 5);
        CHECK(t->questions[0].required && !t->questions[1].required);
        qs[2].scale_max = 1;
        EXPECT(COACHING_RESULT_VALIDATION, coaching_create_form_template(lib, COACH, me, p->id, "Bad", NULL, qs, 4, &tnone));
        STREQ(coaching_last_error_field(), "questions[2].scale_max");
        qs[2].scale_max = 5;
        qs[0].kind = 9;
        EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_create_form_template(lib, COACH, me, p->id, "Bad", NULL, qs, 4, &tnone));
        qs[0].kind = COACHING_QUESTION_KIND_SHORT_TEXT;
        EXPECT(COACHING_RESULT_NULL_POINTER, coaching_create_form_template(lib, COACH, me, p->id, "Bad", NULL, NULL, 2, &tnone));
        EXPECT(COACHING_RESULT_VALIDATION, coaching_create_form_template(lib, COACH, me, p->id, "intake", NULL, qs, 4, &tnone));
        STREQ(coaching_last_error_field(), "name");
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_create_form_template(lib, CLIENT, carla->id, p->id, "Mine", NULL, qs, 4, &tnone));
        CHECK(tnone == NULL);
        OK(coaching_send_form(lib, COACH, me, e->id, t->id, "2026-03-20", &f));
        CHECK(f->status == COACHING_FORM_STATUS_OPEN && f->answer_count == 0 && f->question_count == 4);
        STREQ(f->due_date, "2026-03-20");
        STREQ(f->template_id, t->id);
        CHECK(f->sent_by_kind == COACHING_ACTOR_KIND_COACH && f->submitted_at == 0);
        /* The template changes later; the sent form keeps its copy. */
        OK(coaching_update_form_template(lib, COACH, me, t->id, "Intake v2", "", NULL, 0, &t2));
        STREQ(t2->name, "Intake v2");
        CHECK(t2->description == NULL && t2->question_count == 4);
        CoachingAnswerInput draft[] = {{0, "Run a 10k"}, {1, "Work\nHealth"}};
        OK(coaching_save_form_answers(lib, CLIENT, carla->id, f->id, draft, 2, &got));
        CHECK(got->answer_count == 2);
        STREQ(got->answers[1].value, "Health\nWork"); /* in the question's order */
        STREQ(got->name, "Intake");
        coaching_form_free(got);
        got = NULL;
        OK(coaching_form(lib, COACH, me, f->id, &got));
        CHECK(got->answer_count == 0); /* a draft is the client's */
        coaching_form_free(got);
        got = NULL;
        EXPECT(COACHING_RESULT_MISSING_FIELDS, coaching_submit_form(lib, CLIENT, carla->id, f->id, &none));
        CoachingAnswerInput bad[] = {{2, "7"}};
        EXPECT(COACHING_RESULT_VALIDATION, coaching_save_form_answers(lib, CLIENT, carla->id, f->id, bad, 1, &none));
        STREQ(coaching_last_error_field(), "answers[0]");
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_save_form_answers(lib, COACH, me, f->id, draft, 2, &none));
        CoachingAnswerInput full[] = {{0, "Run a 10k"}, {1, "Work"}, {2, "4"}, {3, "2026-04-01"}};
        OK(coaching_save_form_answers(lib, CLIENT, carla->id, f->id, full, 4, NULL));
        OK(coaching_submit_form(lib, CLIENT, carla->id, f->id, &got));
        CHECK(got->status == COACHING_FORM_STATUS_SUBMITTED && got->submitted_at == T0);
        coaching_form_free(got);
        got = NULL;
        EXPECT(COACHING_RESULT_CONFLICT, coaching_save_form_answers(lib, CLIENT, carla->id, f->id, full, 4, &none));
        OK(coaching_forms(lib, COACH, me, e->id, &list));
        CHECK(coaching_list_len(list) == 1);
        CHECK(coaching_list_form(list, 0)->answer_count == 4);
        STREQ(coaching_list_form(list, 0)->answers[3].value, "2026-04-01");
        STREQ(coaching_list_form(list, 0)->answers[2].value, "4");
        coaching_list_free(list);
        list = NULL;
        OK(coaching_reopen_form(lib, COACH, me, f->id, &got));
        CHECK(got->status == COACHING_FORM_STATUS_OPEN);
        coaching_form_free(got);
        got = NULL;
        EXPECT(COACHING_RESULT_CONFLICT, coaching_reopen_form(lib, COACH, me, f->id, &none));
        CoachingProgramItem *item = NULL;
        CoachingProgram *prog = NULL;
        OK(coaching_create_program(lib, COACH, me, p->id, "Forms program", COACHING_PROGRESS_UNIT_SESSIONS, 4, 60, true, -1, &prog));
        OK(coaching_add_program_form(lib, COACH, me, prog->id, t->id, 7, &item));
        CHECK(item->kind == COACHING_PROGRAM_ITEM_KIND_FORM && item->due_after_days == 7);
        STREQ(item->form_template_id, t->id);
        coaching_program_item_free(item);
        OK(coaching_form_templates(lib, COACH, me, p->id, &list));
        CHECK(coaching_list_len(list) == 1);
        STREQ(coaching_list_form_template(list, 0)->name, "Intake v2");
        coaching_list_free(list);
        list = NULL;
        OK(coaching_delete_form_template(lib, COACH, me, t->id));
        OK(coaching_form(lib, CLIENT, carla->id, f->id, &got));
        CHECK(got->template_id == NULL && got->answer_count == 4);
        coaching_form_free(got);
        OK(coaching_delete_form(lib, COACH, me, f->id));
        EXPECT(COACHING_RESULT_NOT_FOUND, coaching_form(lib, CLIENT, carla->id, f->id, &none));
        CHECK(none == NULL);
        coaching_program_free(prog);
        coaching_form_free(f);
        coaching_form_template_free(t2);
        coaching_form_template_free(t);
    }

    /* Offline sync, the server's half: a device's request runs once; sent again, nothing runs
       twice; bytes that are not a request are refused. */
    {
        char note_id[] = "0190a5b8-1c2d-7e3f-8a4b-5c6d7e8f9a0b";
        char req[1024];
        snprintf(req, sizeof req,
                 "{\"protocol\":1,\"library_version\":\"c\",\"practice_id\":\"%s\",\"cursor\":null,\"ops\":["
                 "{\"op_id\":\"0190a5b8-0000-7000-8000-000000000001\",\"op\":{\"op\":\"create_note\",\"id\":\"%s\","
                 "\"engagement_id\":\"%s\",\"title\":\"From the train\",\"body_html\":\"<p>offline</p>\"}}]}",
                 p->id, note_id, e->id);
        CoachingBytes *answer = NULL, *again = NULL, *none = NULL;
        OK(coaching_handle_sync(lib, COACH, me, (const uint8_t *)req, strlen(req), &answer));
        CHECK(answer->len > 0);
        CHECK(contains(answer->data, answer->len, "\"outcome\":\"applied\",\"replayed\":false"));
        CoachingNote *n = NULL;
        OK(coaching_note(lib, COACH, me, note_id, &n));
        STREQ(n->title, "From the train");
        coaching_note_free(n);
        OK(coaching_handle_sync(lib, COACH, me, (const uint8_t *)req, strlen(req), &again));
        CHECK(contains(again->data, again->len, "\"outcome\":\"applied\",\"replayed\":true"));
        EXPECT(COACHING_RESULT_VALIDATION, coaching_handle_sync(lib, COACH, me, (const uint8_t *)"nope", 4, &none));
        STREQ(coaching_last_error_field(), "request");
        EXPECT(COACHING_RESULT_NULL_POINTER, coaching_handle_sync(lib, COACH, me, NULL, 10, &none));
        CHECK(none == NULL);
        coaching_bytes_free(answer);
        coaching_bytes_free(again);
    }

    /* Offline sync, the device's half: a replica in a file of its own queues a note, a goal and
       a booking offline, reads them through its view (which refuses writes), and sends them;
       the booking of a time the server gave away meanwhile comes back refused and leaves it. */
    {
        char path[96], wal[100], shm[100];
        snprintf(path, sizeof path, "/tmp/coaching-c-replica-%lx.db", (unsigned long)(size_t)&path ^ (unsigned long)T0);
        snprintf(wal, sizeof wal, "%s-wal", path);
        snprintf(shm, sizeof shm, "%s-shm", path);
        remove(path);
        CoachingEngagement *ed = NULL, *ed2 = NULL;
        OK(coaching_create_engagement(lib, COACH, me, p->id, NULL, me, carla->id, "Offline", COACHING_PROGRESS_UNIT_SESSIONS, 4, NULL, NULL, &ed));
        OK(coaching_set_status(lib, COACH, me, ed->id, COACHING_STATUS_ACTIVE, NULL, &ed2));
        CoachingReplica *rep = NULL, *other = NULL;
        OK(coaching_replica_open(path, p->id, COACH, me, clock, &rep));
        CoachingBytes *req = NULL, *ans = NULL, *outcome = NULL;
        OK(coaching_replica_sync_request(rep, &req));
        OK(coaching_handle_sync(lib, COACH, me, req->data, req->len, &ans));
        OK(coaching_replica_apply_sync_response(rep, ans->data, ans->len, NULL));
        coaching_bytes_free(req);
        coaching_bytes_free(ans);
        CoachingNote *n = NULL, *seen = NULL, *none_note = NULL;
        CoachingGoal *g = NULL;
        CoachingSession *s1 = NULL, *s2 = NULL;
        OK(coaching_replica_create_note(rep, ed->id, "Offline note", "<p>x<script>y()</script></p>", &n));
        STREQ(n->body_html, "<p>x</p>");
        OK(coaching_replica_create_goal(rep, ed->id, "Walk", NULL, "2026-06-01", &g));
        int64_t slot = T0 + 30 * 86400;
        OK(coaching_replica_book_session(rep, ed->id, slot, 0, NULL, COACHING_LOCATION_KIND_PHONE, "+44 20 7946 0000", &s1));
        uint32_t pending = 0;
        OK(coaching_replica_pending_count(rep, &pending));
        CHECK(pending == 3);
        CoachingLib *view = NULL;
        OK(coaching_replica_view(rep, &view));
        OK(coaching_note(view, COACH, me, n->id, &seen));
        STREQ(seen->title, "Offline note");
        EXPECT(COACHING_RESULT_VALIDATION, coaching_create_note(view, COACH, me, ed->id, "x", NULL, NULL, &none_note));
        STREQ(coaching_last_error_field(), "replica");
        EXPECT(COACHING_RESULT_NOT_FOUND, coaching_note(lib, COACH, me, n->id, &none_note));
        CHECK(none_note == NULL);
        /* Meanwhile the server books the same time in another engagement of the coach. */
        OK(coaching_book_session(lib, COACH, me, e->id, slot, 0, NULL, COACHING_LOCATION_KIND_PHONE, "+44 20 7946 0000", &s2));
        OK(coaching_replica_sync_request(rep, &req));
        OK(coaching_handle_sync(lib, COACH, me, req->data, req->len, &ans));
        OK(coaching_replica_apply_sync_response(rep, ans->data, ans->len, &outcome));
        CHECK(contains(outcome->data, outcome->len, "\"operation\":\"book_session\""));
        CHECK(contains(outcome->data, outcome->len, "\"error\":{\"error\":\"conflict\""));
        OK(coaching_replica_pending_count(rep, &pending));
        CHECK(pending == 0);
        coaching_note_free(seen);
        seen = NULL;
        OK(coaching_note(lib, COACH, me, n->id, &seen));
        STREQ(seen->title, "Offline note");
        CoachingSession *gone = NULL;
        EXPECT(COACHING_RESULT_NOT_FOUND, coaching_session(view, COACH, me, s1->id, &gone));
        /* The same answer again (a host retrying) changes nothing; bytes that are no answer and
           another actor on the same file are refused. */
        OK(coaching_replica_apply_sync_response(rep, ans->data, ans->len, NULL));
        EXPECT(COACHING_RESULT_NOT_FOUND, coaching_session(view, COACH, me, s1->id, &gone));
        EXPECT(COACHING_RESULT_VALIDATION, coaching_replica_apply_sync_response(rep, (const uint8_t *)"nope", 4, NULL));
        EXPECT(COACHING_RESULT_VALIDATION, coaching_replica_open(path, p->id, CLIENT, carla->id, NULL, &other));
        CHECK(other == NULL);
        EXPECT(COACHING_RESULT_NULL_POINTER, coaching_replica_create_note(NULL, ed->id, "x", NULL, NULL));
        coaching_bytes_free(req);
        coaching_bytes_free(ans);
        coaching_bytes_free(outcome);
        coaching_note_free(n);
        coaching_note_free(seen);
        coaching_goal_free(g);
        coaching_session_free(s1);
        coaching_session_free(s2);
        coaching_free(view);
        coaching_replica_free(rep);
        coaching_engagement_free(ed);
        coaching_engagement_free(ed2);
        remove(path);
        remove(wal);
        remove(shm);
    }

    /* Archive and erasure: an archived client leaves the directory and comes back; the owner
       erases one for good. */
    {
        CoachingClient *dora = NULL, *got = NULL, *none = NULL;
        CoachingList *list = NULL;
        OK(coaching_add_client(lib, COACH, me, p->id, "Dora Quill", "dora@example.com", true, &dora));
        OK(coaching_set_client_archived(lib, COACH, sam->id, dora->id, true, &got));
        CHECK(got->archived && !got->erased);
        coaching_client_free(got);
        got = NULL;
        OK(coaching_clients(lib, COACH, me, p->id, &list));
        for (size_t i = 0; i < coaching_list_len(list); i++) CHECK(strcmp(coaching_list_client(list, i)->id, dora->id) != 0);
        coaching_list_free(list);
        list = NULL;
        OK(coaching_archived_clients(lib, COACH, me, p->id, &list));
        CHECK(coaching_list_len(list) == 1);
        STREQ(coaching_list_client(list, 0)->name, "Dora Quill");
        coaching_list_free(list);
        list = NULL;
        OK(coaching_set_client_archived(lib, COACH, me, dora->id, false, NULL));
        EXPECT(COACHING_RESULT_CONFLICT, coaching_set_client_archived(lib, COACH, me, carla->id, true, &none));
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_erase_client(lib, COACH, sam->id, dora->id, &none));
        EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_set_client_archived(lib, CLIENT, carla->id, dora->id, true, &none));
        CHECK(none == NULL);
        OK(coaching_erase_client(lib, COACH, me, dora->id, &got));
        CHECK(got->erased && got->archived && !got->has_portal && got->email == NULL);
        STREQ(got->name, "Erased client");
        EXPECT(COACHING_RESULT_CONFLICT, coaching_set_client_archived(lib, COACH, me, dora->id, false, &none));
        coaching_client_free(got);
        coaching_client_free(dora);
    }

    coaching_comment_free(c2);
    for (int i = 0; i < 3; i++) coaching_note_free(n[i]);
    coaching_engagement_free(moved);
    coaching_session_free(up);
    coaching_session_free(s);
    coaching_engagement_free(e);
    coaching_engagement_free(e2);
    coaching_client_free(carla);
    coaching_coach_free(sam);
    coaching_coach_free(owner);
    coaching_practice_free(p);
    coaching_free(lib);
    coaching_clock_free(clock);
    return report();
}
