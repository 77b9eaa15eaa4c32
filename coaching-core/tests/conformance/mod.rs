//! The conformance suite: every behaviour of the library, written once, run against every
//! storage backend by `conformance_suite!`.

#![allow(dead_code)]

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use coaching_core::*;

pub mod archive;
pub mod batch;
pub mod booking;
pub mod contents;
pub mod engagements;
pub mod export;
pub mod feed;
pub mod fields;
pub mod form_flow;
pub mod forms;
pub mod hardening;
pub mod journal;
pub mod matrix;
pub mod permissions;
pub mod replicas;
pub mod sessions;
pub mod sync;

/// Makes a fresh store; the guard keeps whatever the store lives in (a temp dir) alive.
pub type MakeStore = fn() -> (Arc<dyn Storage>, Box<dyn std::any::Any>);

/// A practice ready to work with: an owner, a second coach (team plan only), clients with
/// and without a portal, a program, and another practice next door.
pub struct World {
    pub lib: Coaching,
    pub store: Arc<dyn Storage>,
    pub clock: ManualClock,
    pub practice: Practice,
    pub owner: Coach,
    pub client: Client,
    pub program: Program,
    _guard: Box<dyn std::any::Any>,
}

pub fn t0() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

impl World {
    pub fn new(make: MakeStore, plan: Plan) -> World {
        let (store, guard) = make();
        let clock = ManualClock::new(t0());
        let lib = Coaching::with_clock(store.clone(), clock.clone());
        let (practice, owner) = lib
            .create_practice(NewPractice {
                name: "Bright Path Coaching".into(),
                time_zone: "Europe/London".into(),
                plan,
                owner_name: "Olivia Owner".into(),
                owner_email: Some("olivia@brightpath.example".into()),
            })
            .unwrap();
        let me = Actor::Coach(owner.id);
        let client = lib
            .add_client(
                me,
                practice.id,
                NewClient {
                    name: "Carla Client".into(),
                    email: None,
                    has_portal: true,
                },
            )
            .unwrap();
        let program = lib
            .create_program(me, practice.id, NewProgram::sessions("Leadership", 16))
            .unwrap();
        World {
            lib,
            store,
            clock,
            practice,
            owner,
            client,
            program,
            _guard: guard,
        }
    }

    pub fn owner(&self) -> Actor {
        Actor::Coach(self.owner.id)
    }

    /// A Draft engagement of the owner with the world's client and program.
    pub fn draft(&self) -> Engagement {
        self.lib
            .create_engagement(
                self.owner(),
                self.practice.id,
                NewEngagement {
                    program_id: Some(self.program.id),
                    coach_id: Some(self.owner.id),
                    client_id: Some(self.client.id),
                    ..Default::default()
                },
            )
            .unwrap()
    }

    /// An engagement brought to `status` through the API.
    pub fn engagement_in(&self, status: Status) -> Engagement {
        let e = self.draft();
        let me = self.owner();
        match status {
            Status::Draft => e,
            Status::Active => self.lib.activate(me, e.id).unwrap(),
            Status::Inactive => {
                self.lib.activate(me, e.id).unwrap();
                self.lib.deactivate(me, e.id).unwrap()
            }
            Status::Completed => {
                self.lib.activate(me, e.id).unwrap();
                self.lib.complete(me, e.id, None).unwrap()
            }
        }
    }

    pub fn add_coach(&self, name: &str) -> Coach {
        self.lib
            .add_coach(
                self.owner(),
                self.practice.id,
                NewCoach {
                    name: name.into(),
                    email: None,
                },
            )
            .unwrap()
    }

    pub fn add_client(&self, name: &str, has_portal: bool) -> Client {
        self.lib
            .add_client(
                self.owner(),
                self.practice.id,
                NewClient {
                    name: name.into(),
                    email: None,
                    has_portal,
                },
            )
            .unwrap()
    }

    /// Everything the store holds for this practice, as seen by the owner: used to prove a
    /// failed operation changed nothing.
    pub fn snapshot(&self) -> String {
        let me = self.owner();
        let mut out = String::new();
        out += &format!("{:?}\n", self.lib.practice(me, self.practice.id).unwrap());
        out += &format!("{:?}\n", self.lib.coaches(me, self.practice.id).unwrap());
        out += &format!("{:?}\n", self.lib.clients(me, self.practice.id).unwrap());
        out += &format!(
            "{:?}\n",
            self.lib.archived_clients(me, self.practice.id).unwrap()
        );
        out += &format!("{:?}\n", self.lib.programs(me, self.practice.id).unwrap());
        for c in self.lib.coaches(me, self.practice.id).unwrap() {
            out += &format!("{:?}\n", self.lib.availability(me, c.id).unwrap());
        }
        for p in self.lib.programs(me, self.practice.id).unwrap() {
            out += &format!("{:?}\n", self.lib.program_booking_rules(me, p.id).unwrap());
        }
        // The form library, and every program's items (the forms it sends among them).
        out += &format!(
            "{:?}\n",
            self.lib.form_templates(me, self.practice.id).unwrap()
        );
        for p in self.lib.programs(me, self.practice.id).unwrap() {
            out += &format!("{:?}\n", self.lib.program_items(me, p.id).unwrap());
        }
        // Custom fields: both entities' definitions, every client's values (an erased
        // client's are not read: a Conflict, recorded as such) and, below, every engagement's.
        for entity in FieldEntity::ALL {
            out += &format!(
                "{:?}\n",
                self.lib.fields(me, self.practice.id, *entity).unwrap()
            );
        }
        let field_values = |on: FieldTarget| {
            self.lib.field_values(me, on).map(|fields| {
                fields
                    .into_iter()
                    .map(|f| (f.field.id, f.value))
                    .collect::<Vec<_>>()
            })
        };
        let clients = self
            .lib
            .clients(me, self.practice.id)
            .unwrap()
            .into_iter()
            .chain(self.lib.archived_clients(me, self.practice.id).unwrap());
        for c in clients {
            out += &format!("{:?}\n", field_values(FieldTarget::Client(c.id)));
        }
        let overview = self
            .lib
            .overview_for_practice(me, self.practice.id)
            .unwrap();
        for line in &overview {
            out += &format!(
                "{:?}\n",
                self.lib.booking_rules(me, line.engagement.id).unwrap()
            );
            // The journal as the owner reads it: the shared entries.
            out += &format!("{:?}\n", self.lib.journal(me, line.engagement.id).unwrap());
            out += &format!(
                "{:?}\n",
                field_values(FieldTarget::Engagement(line.engagement.id)).unwrap()
            );
            // Its forms as stored: an open form's draft answers included, which no coach reads.
            out += &format!("{:?}\n", self.stored_forms(line.engagement.id));
            for range in [SessionRange::Upcoming, SessionRange::Past] {
                let page = Page::first(1000);
                let sessions = self
                    .lib
                    .sessions(me, line.engagement.id, range, page)
                    .unwrap();
                out += &format!("{sessions:?}\n");
            }
        }
        out += &format!("{overview:?}\n");
        out += &format!(
            "{:?}\n",
            self.lib
                .practice_activity(me, self.practice.id, Page::first(1000))
                .unwrap()
        );
        out
    }

    /// The forms of `engagement` as the store holds them, oldest first: the answers of an
    /// open form included (a coach reading it through the library gets none).
    pub fn stored_forms(&self, engagement: EngagementId) -> Vec<Form> {
        let mut forms = Vec::new();
        self.store
            .read(&mut |r: &dyn coaching_core::storage::Reader| {
                forms = r.forms(engagement)?;
                Ok(())
            })
            .unwrap();
        forms
    }

    /// A second, unrelated practice (its owner, a client, an engagement).
    pub fn neighbour(&self) -> (Practice, Coach, Client, Engagement) {
        let (p, o) = self
            .lib
            .create_practice(NewPractice {
                name: "Next Door Coaching".into(),
                time_zone: "America/New_York".into(),
                plan: Plan::team(5),
                owner_name: "Nina Neighbour".into(),
                owner_email: None,
            })
            .unwrap();
        let me = Actor::Coach(o.id);
        let c = self
            .lib
            .add_client(
                me,
                p.id,
                NewClient {
                    name: "Nick Client".into(),
                    email: None,
                    has_portal: true,
                },
            )
            .unwrap();
        let e = self
            .lib
            .create_engagement(
                me,
                p.id,
                NewEngagement {
                    coach_id: Some(o.id),
                    client_id: Some(c.id),
                    program_name: Some("Career".into()),
                    planned: Some(Planned::sessions(6)),
                    ..Default::default()
                },
            )
            .unwrap();
        self.lib.activate(me, e.id).unwrap();
        (p, o, c, e)
    }
}

/// Asserts that `result` failed and that the store is as `before`.
#[track_caller]
pub fn refused<T: std::fmt::Debug>(w: &World, before: &str, result: Result<T>) -> Error {
    let err = result.expect_err("the operation should have been refused");
    assert_eq!(
        w.snapshot(),
        before,
        "a refused operation changed the store ({err})"
    );
    err
}

/// Instantiates every test of the suite for one backend.
macro_rules! conformance_suite {
    ($make:expr) => {
        conformance_suite!(@tests $make;
            engagements::status_table_every_cell,
            engagements::activation_names_every_missing_field,
            engagements::free_plan_refuses_second_activation_solo_allows_many,
            engagements::reactivation_and_reopening_count_against_the_plan,
            engagements::downgrade_deactivates_nothing_and_blocks_activation,
            engagements::coach_cap_of_the_plan,
            engagements::completion_reason_is_kept_and_logged,
            engagements::new_engagement_copies_program_or_is_ad_hoc,
            engagements::progress_is_zero_of_planned_and_phase_not_started,
            engagements::set_planned_changes_the_denominator,
            engagements::edits_and_their_refusals,
            engagements::reassignment_by_plan,
            engagements::reassignment_across_practices_refused,
            engagements::delete_removes_engagement_and_leaves_practice_log,
            engagements::activity_log_newest_first_paged_with_typed_targets,
            engagements::validation_errors_change_nothing,
            engagements::concurrent_activations_respect_the_free_plan,
            engagements::reads_do_not_wait_for_a_writer,
            engagements::overview_lists_names_dates_and_tbd,
            engagements::overview_pages_filter_sort_and_page,
            permissions::client_refused_every_coach_only_operation,
            permissions::other_coach_sees_only_their_own,
            permissions::client_sees_own_non_draft_engagements_only,
            permissions::another_practice_is_refused_everything,
            permissions::system_actor_is_reserved,
            permissions::unknown_actors_are_refused,
            booking::weekly_hours_and_date_overrides_shape_the_slots,
            booking::booking_rules_follow_the_program_unless_the_engagement_has_its_own,
            booking::each_client_refusal_is_typed_and_the_coach_may_override,
            booking::a_client_books_no_more_than_the_allocation,
            booking::held_sessions_count_against_the_allocation,
            booking::daylight_saving_weeks_in_two_zones,
            booking::coach_and_client_in_different_zones,
            booking::no_published_hours_means_any_time,
            booking::free_slots_refusals,
            booking::free_slots_match_bookings,
            sessions::counting_rules,
            sessions::hours_mode,
            sessions::automatic_completion_is_logged_as_system,
            sessions::seventeen_of_sixteen,
            sessions::booking_refusals,
            sessions::client_session_permissions,
            sessions::series_books_all_or_nothing,
            sessions::series_across_daylight_saving_keeps_wall_clock,
            sessions::lists_and_dashboards,
            sessions::reassignment_moves_upcoming_sessions,
            sessions::deleting_an_engagement_removes_its_sessions,
            sessions::ics_export_parses_back,
            contents::notes_private_by_default_shared_only_with_a_portal,
            contents::notes_move_edit_delete_and_templates,
            contents::note_search_keywords_ranking_dates_and_privacy,
            contents::practice_search_pages_match_the_general_plan,
            contents::client_notes_across_engagements,
            contents::goals_and_milestones_by_coach_and_client,
            contents::goal_horizons_set_cleared_and_filtered,
            contents::assignments_with_files_and_messages,
            contents::resources_library_sharing_uploads_and_limits,
            contents::comments_follow_note_visibility,
            contents::program_items_are_copied_into_new_engagements,
            contents::client_todos_by_due_date_with_overdue,
            contents::due_reminders_per_person_scoped_by_actor,
            contents::deleting_an_engagement_removes_all_contents,
            journal::client_journal_is_private_until_shared,
            form_flow::open_forms_follow_the_client_todos,
            sync::a_device_s_operations_run_once_and_a_replay_applies_nothing,
            sync::refusals_come_back_typed_and_final,
            sync::bad_requests_are_refused_whole,
            sync::the_answer_carries_the_actors_changes_after_the_cursor,
            sync::a_device_holds_only_what_its_actor_may_see,
            sync::a_clients_offline_day_lands_once,
            replicas::three_devices_work_offline_and_converge,
            replicas::refusals_reach_the_device_and_their_effect_leaves_it,
            replicas::lost_and_replayed_messages_apply_nothing_twice,
            replicas::permission_changes_take_things_off_a_device,
            replicas::a_replicas_view_is_written_only_through_the_replica,
            replicas::a_client_or_coach_changed_reaches_the_devices_holding_their_engagements,
            form_flow::a_program_sends_its_form_and_the_export_keeps_every_form,
            forms::form_templates_are_kept_by_any_coach_of_the_practice,
            forms::a_sent_form_is_a_copy_of_its_template,
            forms::answers_are_checked_against_their_questions,
            forms::coaches_read_the_answers_once_submitted,
            forms::only_the_engagements_client_answers_while_it_is_active,
            forms::open_forms_are_on_the_coachs_todos_until_submitted,
            forms::programs_send_their_forms_due_after_the_start,
            forms::form_activity_is_logged_and_drafts_stay_the_clients,
            forms::a_coach_withdraws_a_sent_form,
            fields::custom_fields_are_typed_and_required_for_activation,
            fields::definition_changes_and_existing_values,
            fields::custom_fields_survive_export_and_import,
            fields::erasure_removes_custom_field_values,
            archive::archiving_hides_a_client_and_restoring_brings_them_back,
            archive::erasure_leaves_nothing_of_the_client,
            archive::erasure_is_owner_only,
            matrix::permission_matrix,
            matrix::private_notes_never_reach_a_client,
            matrix::private_journal_never_reaches_a_coach,
            export::export_then_import_is_lossless,
            export::hostile_and_damaged_documents_are_refused_whole,
            feed::feed_is_the_log_in_commit_order_and_resumes_without_gaps,
            feed::feed_walks_the_permission_matrix,
            batch::batch_commits_everything_or_nothing,
            batch::a_refused_operation_inside_a_batch_changes_nothing,
            hardening::far_dates_are_refused_and_accepted_ones_read_back,
            hardening::clients_do_not_read_the_completion_reason,
            hardening::a_client_learns_only_that_the_time_is_taken,
            hardening::another_practices_resource_is_not_found,
            hardening::writing_in_a_non_active_engagement_is_one_error,
            hardening::messages_are_grammatical,
            hardening::the_log_keeps_a_deleted_engagements_history,
            hardening::a_clock_out_of_range_is_refused,
        );
    };
    (@tests $make:expr; $($module:ident :: $name:ident,)*) => {
        $(
            #[test]
            fn $name() {
                $crate::conformance::$module::$name($make);
            }
        )*
    };
}
