//! The README's first command: the example workflow on an embedded SQLite file.
//!
//! Creates (or reopens) the file, sets up a practice on the free plan, creates engagements,
//! shows the plan limit refusing a second activation, and prints the engagement overview and
//! the activity log.
//!
//!     cargo run --release --example workflow [-- path/to/practice.db]

use std::process::ExitCode;

use chrono::TimeZone;
use coaching_core::*;

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "coaching-demo.db".to_string());
    match run(&path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &str) -> Result<()> {
    let existed = std::path::Path::new(path).exists();
    let lib = Coaching::open(path)?;
    if is_database_url(path) {
        // A PostgreSQL database (`--features postgres`): shared by every process that opens it.
        println!("Connected to PostgreSQL database {}", shown_location(path));
    } else {
        println!(
            "{} SQLite file {path} (schema v{})",
            if existed { "Reopened" } else { "Created" },
            coaching_core::storage::sqlite::CURRENT_VERSION
        );
    }

    let (practice, owner) = lib.create_practice(NewPractice {
        name: "Bright Path Coaching".into(),
        time_zone: "Europe/London".into(),
        plan: Plan::free(),
        owner_name: "Olivia Owner".into(),
        owner_email: Some("olivia@brightpath.example".into()),
    })?;
    let me = Actor::Coach(owner.id);
    println!(
        "Practice \"{}\" on the {} plan, owner {}",
        practice.name, practice.plan.name, owner.name
    );

    let carla = lib.add_client(
        me,
        practice.id,
        NewClient {
            name: "Carla Client".into(),
            email: None,
            has_portal: true,
        },
    )?;
    let dan = lib.add_client(
        me,
        practice.id,
        NewClient {
            name: "Dan Client".into(),
            email: None,
            has_portal: false,
        },
    )?;
    let leadership = lib.create_program(me, practice.id, NewProgram::sessions("Leadership", 16))?;
    let today = lib.now().date_naive();

    let first = lib.create_engagement(
        me,
        practice.id,
        NewEngagement {
            program_id: Some(leadership.id),
            coach_id: Some(owner.id),
            client_id: Some(carla.id),
            start_date: Some(today - chrono::Duration::days(21)),
            ..Default::default()
        },
    )?;
    let second = lib.create_engagement(
        me,
        practice.id,
        NewEngagement {
            coach_id: Some(owner.id),
            client_id: Some(dan.id),
            program_name: Some("Career Transition".into()),
            planned: Some(Planned::sessions(6)),
            ..Default::default()
        },
    )?;
    let draft = lib.create_engagement(
        me,
        practice.id,
        NewEngagement {
            client_id: Some(dan.id),
            ..Default::default()
        },
    )?;

    lib.activate(me, first.id)?;
    println!("Activated: Leadership for Carla Client");
    match lib.activate(me, second.id) {
        Err(e @ Error::PlanLimitReached { .. }) => {
            println!("Refused:   Career Transition for Dan Client: {e}")
        }
        other => {
            return Err(Error::Storage {
                message: format!("expected the free plan to refuse, got {other:?}"),
            })
        }
    }
    match lib.activate(me, draft.id) {
        Err(e @ Error::MissingFields { .. }) => println!("Refused:   the untitled draft: {e}"),
        other => {
            return Err(Error::Storage {
                message: format!("expected missing fields, got {other:?}"),
            })
        }
    }
    // Sessions: a weekly series at 09:00 London time, started three weeks ago.
    let tz: chrono_tz::Tz = "Europe/London".parse().map_err(|_| Error::Storage {
        message: "time zone".into(),
    })?;
    let nine = (today - chrono::Duration::days(21))
        .and_hms_opt(9, 0, 0)
        .unwrap_or_default();
    let first_start = tz
        .from_local_datetime(&nine)
        .earliest()
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|| lib.now());
    let zoom = Location::Zoom {
        join_url: "https://us02web.zoom.us/j/85512345678".into(),
    };
    let series = lib.book_series(
        me,
        first.id,
        NewSession {
            start: first_start,
            end: None,
            time_zone: Some("Europe/London".into()),
            location: zoom,
        },
        Recurrence {
            every_weeks: 1,
            end: SeriesEnd::Count(6),
        },
    )?;
    println!(
        "Booked a weekly series of {} Zoom sessions for Carla (09:00 London time)",
        series.len()
    );
    lib.complete_session(me, series[0].id)?;
    lib.complete_session(me, series[1].id)?;
    lib.mark_no_show(me, series[2].id)?;
    println!("Held 2 sessions, 1 no-show (counts as used)");
    let moved = lib.reschedule_session(
        me,
        series[4].id,
        series[4].start + chrono::Duration::days(1),
        None,
    )?;
    println!(
        "Rescheduled session 5 to {}",
        moved.local_start().format("%a %d %b %H:%M %Z")
    );
    lib.cancel_session(Actor::Client(carla.id), series[5].id, Some("travelling"))?;
    println!("Carla cancelled session 6 (early: does not count)");

    // Contents: a shared note, a goal with milestones, an assignment.
    let note = lib.create_note(
        me,
        first.id,
        NewNote {
            title: "Session #1 notes".into(),
            body_html: "<p>Carla wants to <b>delegate</b> more.<script>alert('x')</script></p>"
                .into(),
            template: None,
        },
    )?;
    lib.set_note_shared(me, note.id, true)?;
    println!("Note stored sanitised and shared: {}", note.body_html);
    let goal = lib.create_goal(
        Actor::Client(carla.id),
        first.id,
        NewGoal {
            name: "Delegate the weekly report".into(),
            description: None,
            due_date: Some(today - chrono::Duration::days(2)),
            horizon: Some(GoalHorizon::Short),
        },
    )?;
    lib.add_milestone(
        me,
        goal.id,
        "Pick a deputy",
        Some(today + chrono::Duration::days(3)),
    )?;
    lib.create_assignment(
        me,
        first.id,
        AssignmentInput {
            name: Some("Values worksheet".into()),
            due_date: Some(Some(today + chrono::Duration::days(7))),
            ..Default::default()
        },
    )?;
    let hits = lib.search_notes(
        me,
        NoteScope::Engagement(first.id),
        NoteQuery {
            keywords: Some("delegate".into()),
            ..Default::default()
        },
    )?;
    println!(
        "Search \"delegate\": {} note(s), snippet: {}",
        hits.len(),
        hits.first()
            .and_then(|h| h.snippet_html.clone())
            .unwrap_or_default()
    );

    lib.change_plan(me, practice.id, Plan::solo())?;
    lib.activate(me, second.id)?;
    println!("Upgraded to the solo plan; activated Career Transition");
    lib.set_planned(me, second.id, Planned::sessions(7))?;
    lib.complete(me, second.id, Some("client found a new role"))?;
    println!("Completed Career Transition early: client found a new role");

    println!();
    println!("Engagement overview ({} engagements)", practice.name);
    print_overview(&lib.overview_for_practice(me, practice.id)?);

    println!();
    println!("Coach's dashboard: upcoming sessions, next 14 days");
    let now = lib.now();
    let upcoming =
        lib.upcoming_sessions_for_coach(me, owner.id, now, now + chrono::Duration::days(14))?;
    if upcoming.is_empty() {
        println!("  (none)");
    }
    for line in upcoming {
        println!(
            "  {}  {:<14} {:<18} {}",
            line.session.local_start().format("%a %d %b %H:%M %Z"),
            line.client_name,
            line.program_name.as_deref().unwrap_or("-"),
            line.session.location
        );
    }

    println!();
    println!("Coach's dashboard: Client To-Dos");
    for t in lib.client_todos(me, owner.id, Page::first(50))? {
        println!(
            "  {:<10} {:<28} {:<14} due {}{}",
            t.kind.as_str(),
            t.name,
            t.client_name,
            engagement::date_or_tbd(t.due_date),
            if t.overdue { "  OVERDUE" } else { "" }
        );
    }

    println!();
    println!("Activity log, newest first (practice-wide, first 12)");
    for entry in lib.practice_activity(me, practice.id, Page::first(12))? {
        println!(
            "  {}  {:<8} {:<24} {:<10} {}",
            entry.at.format("%Y-%m-%d %H:%M:%S"),
            entry.actor.kind_name(),
            entry.action.as_str(),
            entry.target.kind.as_str(),
            entry.detail.unwrap_or_default()
        );
    }
    Ok(())
}

fn bar(p: &Progress) -> String {
    let filled = (p.percent_floor() as usize + 5) / 10;
    format!("[{}{}]", "#".repeat(filled), ".".repeat(10 - filled))
}

fn print_overview(lines: &[EngagementOverview]) {
    println!(
        "  {:<14} {:<14} {:<18} {:<10} {:<10} {:<24} Status",
        "Coach", "Client", "Program", "Start", "End", "Progress"
    );
    for l in lines {
        let e = &l.engagement;
        println!(
            "  {:<14} {:<14} {:<18} {:<10} {:<10} {:<24} {} ({})",
            l.coach_name.as_deref().unwrap_or("-"),
            l.client_name.as_deref().unwrap_or("-"),
            e.program_name.as_deref().unwrap_or("-"),
            engagement::date_or_tbd(e.start_date),
            engagement::date_or_tbd(e.end_date),
            format!(
                "{} {} {:.0}%",
                bar(&l.progress),
                l.progress,
                l.progress.percent()
            ),
            l.phase,
            e.status
        );
    }
}
