//! The README's first command: the example workflow on an embedded SQLite file.
//!
//! Creates (or reopens) the file, sets up a practice on the free plan, creates engagements,
//! shows the plan limit refusing a second activation, and prints the engagement overview and
//! the activity log.
//!
//!     cargo run --release --example workflow [-- path/to/practice.db]

use std::process::ExitCode;

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
    println!(
        "{} SQLite file {path} (schema v{})",
        if existed { "Reopened" } else { "Created" },
        coaching_core::storage::sqlite::CURRENT_VERSION
    );

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
            start_date: Some(today),
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
