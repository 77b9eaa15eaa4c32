//! The permission matrix of the engagement contents: every operation against the owner,
//! another coach, the engagement's client with a portal, the same client without a portal,
//! another practice's client and another practice's owner — expected allow/deny written as
//! one table. Inside the practice a denial is `PermissionDenied`; from outside it is
//! `NotFound`, exactly as for an id that exists nowhere.

use coaching_core::*;

use super::*;

/// Columns of the table.
const OWNER: usize = 0;
const OTHER_COACH: usize = 1;
const CLIENT: usize = 2;
const CLIENT_NO_PORTAL: usize = 3;
const FOREIGN_CLIENT: usize = 4;
const FOREIGN_OWNER: usize = 5;
const COLUMNS: [&str; 6] = [
    "owner",
    "other coach",
    "client with portal",
    "client without portal",
    "other practice's client",
    "other practice's owner",
];

const Y: bool = true;
const N: bool = false;

/// operation: owner, other coach, client with portal, client without portal, other practice's
/// client, other practice's owner
const MATRIX: &[(&str, [bool; 6])] = &[
    ("create note", [Y, N, N, N, N, N]),
    ("update note", [Y, N, N, N, N, N]),
    ("share note", [Y, N, N, N, N, N]),
    ("move note", [Y, N, N, N, N, N]),
    ("delete note", [Y, N, N, N, N, N]),
    ("list notes", [Y, N, Y, N, N, N]),
    ("read shared note", [Y, N, Y, N, N, N]),
    ("read private note", [Y, N, N, N, N, N]),
    ("search engagement notes", [Y, N, Y, N, N, N]),
    ("create goal", [Y, N, Y, N, N, N]),
    ("update goal", [Y, N, Y, N, N, N]),
    ("complete goal", [Y, N, Y, N, N, N]),
    ("delete goal", [Y, N, Y, N, N, N]),
    ("add milestone", [Y, N, Y, N, N, N]),
    ("tick milestone", [Y, N, Y, N, N, N]),
    ("move milestone", [Y, N, Y, N, N, N]),
    ("list goals", [Y, N, Y, N, N, N]),
    ("list goals by horizon", [Y, N, Y, N, N, N]),
    ("page the practice overview", [Y, Y, N, N, N, N]),
    ("create assignment", [Y, N, N, N, N, N]),
    ("update assignment", [Y, N, N, N, N, N]),
    ("complete assignment", [Y, N, Y, N, N, N]),
    ("delete assignment", [Y, N, N, N, N, N]),
    ("attach assignment file", [Y, N, N, N, N, N]),
    ("list assignments", [Y, N, Y, N, N, N]),
    ("add to library", [Y, Y, N, N, N, N]),
    ("list library", [Y, Y, N, N, N, N]),
    ("download from library", [Y, Y, N, N, N, N]),
    ("share resource", [Y, N, N, N, N, N]),
    ("unshare resource", [Y, N, N, N, N, N]),
    ("upload into engagement", [Y, N, Y, N, N, N]),
    ("list engagement resources", [Y, N, Y, N, N, N]),
    ("download shared file", [Y, N, Y, N, N, N]),
    ("delete library resource", [Y, Y, N, N, N, N]),
    ("comment on shared note", [Y, N, Y, N, N, N]),
    ("comment on private note", [Y, N, N, N, N, N]),
    ("read shared note comments", [Y, N, Y, N, N, N]),
    ("read private note comments", [Y, N, N, N, N, N]),
    ("comment on goal", [Y, N, Y, N, N, N]),
    ("add program item", [Y, Y, N, N, N, N]),
    ("read program items", [Y, Y, N, N, N, N]),
    ("client to-dos of the owner", [Y, N, N, N, N, N]),
    ("set weekly hours of the owner", [Y, N, N, N, N, N]),
    ("set date hours of the owner", [Y, N, N, N, N, N]),
    ("clear date hours of the owner", [Y, N, N, N, N, N]),
    ("read availability of the owner", [Y, N, N, N, N, N]),
    // Program rules reach every coach's engagements at once: the owner's.
    ("set program booking rules", [Y, N, N, N, N, N]),
    ("reschedule slots", [Y, N, Y, N, N, N]),
    ("read program booking rules", [Y, Y, N, N, N, N]),
    ("set engagement booking rules", [Y, N, N, N, N, N]),
    // The client learns the notice and horizon; without a portal too (as the engagement).
    ("read engagement booking rules", [Y, N, Y, Y, N, N]),
    ("free slots", [Y, N, Y, N, N, N]),
    // Another practice's client adds to their own library: theirs, so allowed (their owner
    // is no client).
    ("add to own client library", [N, N, Y, N, Y, N]),
    // The journal is the client's: they alone write and change it (with a portal; withdrawing
    // needs only read access); the engagement's coach and the owner read the shared entries.
    ("create journal entry", [N, N, Y, N, N, N]),
    ("update journal entry", [N, N, Y, N, N, N]),
    ("share journal entry", [N, N, Y, N, N, N]),
    ("unshare journal entry", [N, N, Y, N, N, N]),
    ("delete journal entry", [N, N, Y, N, N, N]),
    ("list journal", [Y, N, Y, N, N, N]),
    ("read shared journal entry", [Y, N, Y, N, N, N]),
    ("read private journal entry", [N, N, Y, N, N, N]),
    // The client directory: any coach archives a client (one with no Active engagement),
    // restores an archived one and lists them; only the owner erases a client.
    ("archive client", [Y, Y, N, N, N, N]),
    ("restore client", [Y, Y, N, N, N, N]),
    ("list archived clients", [Y, Y, N, N, N, N]),
    ("erase client", [Y, N, N, N, N, N]),
    // Custom fields: the owner defines, changes and deletes them; any coach lists them and
    // sets and reads a client's values; an engagement's values are for a coach who manages it
    // (the other coach is not assigned the fixture's). Clients see none, their own included.
    ("define field", [Y, N, N, N, N, N]),
    ("update field", [Y, N, N, N, N, N]),
    ("delete field", [Y, N, N, N, N, N]),
    ("list fields", [Y, Y, N, N, N, N]),
    ("set engagement field value", [Y, N, N, N, N, N]),
    ("clear engagement field value", [Y, N, N, N, N, N]),
    ("read engagement field values", [Y, N, N, N, N, N]),
    ("set client field value", [Y, Y, N, N, N, N]),
    ("clear client field value", [Y, Y, N, N, N, N]),
    ("read client field values", [Y, Y, N, N, N, N]),
    // Forms: any coach keeps the library's templates (and has a program send one); a coach
    // who manages the engagement sends, reopens and withdraws its forms (the other coach is
    // not assigned the fixture's); the engagement's client with a portal alone answers and
    // submits them, while it is Active; both read them (a coach without an open form's
    // answers), the client without a portal none.
    ("create form template", [Y, Y, N, N, N, N]),
    ("update form template", [Y, Y, N, N, N, N]),
    ("delete form template", [Y, Y, N, N, N, N]),
    ("read form template", [Y, Y, N, N, N, N]),
    ("list form templates", [Y, Y, N, N, N, N]),
    ("add program form item", [Y, Y, N, N, N, N]),
    ("send form", [Y, N, N, N, N, N]),
    ("save form answers", [N, N, Y, N, N, N]),
    ("submit form", [N, N, Y, N, N, N]),
    ("reopen form", [Y, N, N, N, N, N]),
    ("delete form", [Y, N, N, N, N, N]),
    ("read open form", [Y, N, Y, N, N, N]),
    ("read submitted form", [Y, N, Y, N, N, N]),
    ("list forms", [Y, N, Y, N, N, N]),
];

/// Everything an operation may act on.
struct Fixture {
    w: World,
    e: Engagement,
    shared_note: Note,
    private_note: Note,
    goal: Goal,
    milestone: Milestone,
    assignment: Assignment,
    folder: Resource,
    guide: Resource,
    session: Session,
    shared_entry: JournalEntry,
    private_entry: JournalEntry,
    /// A client with no Active engagement (the fixture's client has one): archived or erased.
    idle: Client,
    /// A client archived in the fixture: restored.
    archived: Client,
    /// The owner's custom fields, one of each entity, with a value on the fixture's engagement
    /// and its client.
    engagement_field: FieldDefinition,
    client_field: FieldDefinition,
    /// A form template of the library, and two forms sent from it into the engagement: one
    /// open, with the client's draft answering every required question; one submitted.
    form_template: FormTemplate,
    open_form: Form,
    submitted_form: Form,
    actors: [Actor; 6],
}

fn fixture(make: MakeStore) -> Fixture {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let sam = w.add_coach("Sam Second");
    let e = w.engagement_in(Status::Active);
    let shared_note = w
        .lib
        .create_note(
            me,
            e.id,
            NewNote {
                title: "Shared".into(),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.set_note_shared(me, shared_note.id, true).unwrap();
    let private_note = w
        .lib
        .create_note(
            me,
            e.id,
            NewNote {
                title: "Private".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let goal = w
        .lib
        .create_goal(
            me,
            e.id,
            NewGoal {
                name: "Goal".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let milestone = w.lib.add_milestone(me, goal.id, "Milestone", None).unwrap();
    let assignment = w
        .lib
        .create_assignment(
            me,
            e.id,
            AssignmentInput {
                name: Some("Assignment".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let folder = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            None,
            NewResource::Folder {
                name: "Packet".into(),
            },
        )
        .unwrap();
    let guide = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            Some(folder.id),
            NewResource::File(NewFile {
                name: "Guide.pdf".into(),
                media_type: "application/pdf".into(),
                bytes: b"g".to_vec(),
            }),
        )
        .unwrap();
    w.lib.share_resource(me, e.id, folder.id).unwrap();
    w.lib
        .set_date_hours(me, w.owner.id, date(2026, 3, 9), &[])
        .unwrap();
    let session = super::sessions::book(&w, me, e.id, t0() + chrono::Duration::days(3)).unwrap();
    // The client's journal, written while they have a portal.
    let carla = Actor::Client(w.client.id);
    let shared_entry = w
        .lib
        .create_journal_entry(
            carla,
            e.id,
            NewJournalEntry {
                title: "Shared entry".into(),
                body_html: "<p>for my coach</p>".into(),
                shared: true,
            },
        )
        .unwrap();
    let private_entry = w
        .lib
        .create_journal_entry(
            carla,
            e.id,
            NewJournalEntry {
                title: "Private entry".into(),
                body_html: "<p>for me</p>".into(),
                shared: false,
            },
        )
        .unwrap();
    // The forms, answered while the client has a portal.
    let form_template = w
        .lib
        .create_form_template(
            me,
            w.practice.id,
            NewFormTemplate {
                name: "Intake".into(),
                description: None,
                questions: vec![Question {
                    prompt: "Your goal".into(),
                    help: None,
                    kind: QuestionKind::ShortText,
                    choices: Vec::new(),
                    scale_max: None,
                    required: true,
                }],
            },
        )
        .unwrap();
    let goal_answer = || {
        vec![FormAnswer {
            question: 0,
            answer: Answer::Text("Lead the team".into()),
        }]
    };
    let open_form = w.lib.send_form(me, e.id, form_template.id, None).unwrap();
    let open_form = w
        .lib
        .save_form_answers(carla, open_form.id, goal_answer())
        .unwrap();
    let submitted_form = w
        .lib
        .send_form(me, e.id, form_template.id, Some(date(2026, 3, 20)))
        .unwrap();
    w.lib
        .save_form_answers(carla, submitted_form.id, goal_answer())
        .unwrap();
    let submitted_form = w.lib.submit_form(carla, submitted_form.id).unwrap();
    let idle = w.add_client("Ivan Idle", true);
    let archived = w.add_client("Alma Archived", true);
    let archived = w.lib.set_client_archived(me, archived.id, true).unwrap();
    let field = |entity, label: &str| {
        w.lib
            .define_field(
                me,
                w.practice.id,
                NewField {
                    entity,
                    label: label.into(),
                    kind: FieldKind::Text,
                    choices: Vec::new(),
                    required_for_activation: false,
                },
            )
            .unwrap()
    };
    let engagement_field = field(FieldEntity::Engagement, "Sponsor");
    let client_field = field(FieldEntity::Client, "Employer");
    w.lib
        .set_field_value(
            me,
            FieldTarget::Engagement(e.id),
            engagement_field.id,
            Some(FieldValue::Text("Board".into())),
        )
        .unwrap();
    w.lib
        .set_field_value(
            me,
            FieldTarget::Client(w.client.id),
            client_field.id,
            Some(FieldValue::Text("Acme".into())),
        )
        .unwrap();
    let (_, foreign_owner, foreign_client, _) = w.neighbour();
    let actors = [
        me,
        Actor::Coach(sam.id),
        Actor::Client(w.client.id),
        Actor::Client(w.client.id),
        Actor::Client(foreign_client.id),
        Actor::Coach(foreign_owner.id),
    ];
    Fixture {
        w,
        e,
        shared_note,
        private_note,
        goal,
        milestone,
        assignment,
        folder,
        guide,
        session,
        shared_entry,
        private_entry,
        idle,
        archived,
        engagement_field,
        client_field,
        form_template,
        open_form,
        submitted_form,
        actors,
    }
}

fn run(f: &Fixture, op: &str, a: Actor) -> Result<()> {
    let lib = &f.w.lib;
    let pid = f.w.practice.id;
    let e = f.e.id;
    let pdf = || {
        NewResource::File(NewFile {
            name: "x.pdf".into(),
            media_type: "application/pdf".into(),
            bytes: b"x".to_vec(),
        })
    };
    match op {
        "create note" => lib
            .create_note(
                a,
                e,
                NewNote {
                    title: "N".into(),
                    ..Default::default()
                },
            )
            .map(drop),
        "update note" => lib
            .update_note(
                a,
                f.shared_note.id,
                NoteUpdate {
                    title: Some("T".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        "share note" => lib.set_note_shared(a, f.private_note.id, true).map(drop),
        "move note" => lib.move_note(a, f.private_note.id, 0).map(drop),
        "delete note" => lib.delete_note(a, f.private_note.id),
        "list notes" => lib.notes(a, e).map(drop),
        "read shared note" => lib.note(a, f.shared_note.id).map(drop),
        "read private note" => lib.note(a, f.private_note.id).map(drop),
        "search engagement notes" => lib
            .search_notes(
                a,
                NoteScope::Engagement(e),
                NoteQuery {
                    keywords: Some("shared".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        "create goal" => lib
            .create_goal(
                a,
                e,
                NewGoal {
                    name: "G".into(),
                    ..Default::default()
                },
            )
            .map(drop),
        "update goal" => lib
            .update_goal(
                a,
                f.goal.id,
                GoalInput {
                    name: Some("G2".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        "complete goal" => lib
            .set_goal_status(a, f.goal.id, GoalStatus::Completed)
            .map(drop),
        "delete goal" => lib.delete_goal(a, f.goal.id),
        "add milestone" => lib.add_milestone(a, f.goal.id, "M", None).map(drop),
        "tick milestone" => lib.set_milestone_done(a, f.milestone.id, true).map(drop),
        "move milestone" => lib.move_milestone(a, f.milestone.id, 0).map(drop),
        "list goals" => lib.goals(a, e).map(drop),
        "page the practice overview" => lib
            .overview_page(a, pid, OverviewQuery::default())
            .map(drop),
        "list goals by horizon" => lib
            .goals_by_horizon(a, e, Some(GoalHorizon::Short))
            .map(drop),
        "create assignment" => lib
            .create_assignment(
                a,
                e,
                AssignmentInput {
                    name: Some("A".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        "update assignment" => lib
            .update_assignment(
                a,
                f.assignment.id,
                AssignmentInput {
                    name: Some("A2".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        "complete assignment" => lib
            .set_assignment_status(a, f.assignment.id, AssignmentStatus::Completed)
            .map(drop),
        "delete assignment" => lib.delete_assignment(a, f.assignment.id),
        "attach assignment file" => lib
            .add_assignment_file(
                a,
                f.assignment.id,
                AssignmentFileSource::Library(f.guide.id),
                None,
            )
            .map(drop),
        "list assignments" => lib.assignments(a, e).map(drop),
        "add to library" => lib.add_to_library(a, pid, None, pdf()).map(drop),
        "list library" => lib.library(a, pid, None).map(drop),
        "download from library" => lib.download(a, f.guide.id, None).map(drop),
        "share resource" => lib.share_resource(a, e, f.guide.id),
        "unshare resource" => lib.unshare_resource(a, e, f.folder.id),
        "upload into engagement" => lib.upload_to_engagement(a, e, pdf()).map(drop),
        "list engagement resources" => lib.engagement_resources(a, e).map(drop),
        "download shared file" => lib.download(a, f.guide.id, Some(e)).map(drop),
        "delete library resource" => lib.delete_resource(a, f.guide.id),
        "comment on shared note" => lib
            .add_comment(a, CommentTarget::Note(f.shared_note.id), "hi")
            .map(drop),
        "comment on private note" => lib
            .add_comment(a, CommentTarget::Note(f.private_note.id), "hi")
            .map(drop),
        "read shared note comments" => lib
            .comments(a, CommentTarget::Note(f.shared_note.id))
            .map(drop),
        "read private note comments" => lib
            .comments(a, CommentTarget::Note(f.private_note.id))
            .map(drop),
        "comment on goal" => lib
            .add_comment(a, CommentTarget::Goal(f.goal.id), "hi")
            .map(drop),
        "add program item" => lib
            .add_program_item(
                a,
                f.w.program.id,
                ProgramItemKind::Goal {
                    name: "G".into(),
                    description: None,
                    due_after_days: None,
                },
            )
            .map(drop),
        "read program items" => lib.program_items(a, f.w.program.id).map(drop),
        "client to-dos of the owner" => {
            lib.client_todos(a, f.w.owner.id, Page::default()).map(drop)
        }
        "add to own client library" => lib.add_to_client_library(a, None, pdf()).map(drop),
        "set weekly hours of the owner" => {
            lib.set_weekly_hours(a, f.w.owner.id, None, &[]).map(drop)
        }
        "set date hours of the owner" => lib
            .set_date_hours(a, f.w.owner.id, date(2026, 3, 10), &[])
            .map(drop),
        "clear date hours of the owner" => lib
            .clear_date_hours(a, f.w.owner.id, date(2026, 3, 9))
            .map(drop),
        "read availability of the owner" => lib.availability(a, f.w.owner.id).map(drop),
        "set program booking rules" => lib
            .set_program_booking_rules(a, f.w.program.id, Some(BookingRules::default()))
            .map(drop),
        "read program booking rules" => lib.program_booking_rules(a, f.w.program.id).map(drop),
        "set engagement booking rules" => lib
            .set_engagement_booking_rules(a, e, Some(BookingRules::default()))
            .map(drop),
        "read engagement booking rules" => lib.booking_rules(a, e).map(drop),
        "reschedule slots" => lib
            .reschedule_slots(a, f.session.id, t0(), t0() + chrono::Duration::days(7))
            .map(drop),
        "free slots" => lib
            .free_slots(a, e, t0(), t0() + chrono::Duration::days(7))
            .map(drop),
        "create journal entry" => lib
            .create_journal_entry(
                a,
                e,
                NewJournalEntry {
                    title: "J".into(),
                    ..Default::default()
                },
            )
            .map(drop),
        "update journal entry" => lib
            .update_journal_entry(
                a,
                f.shared_entry.id,
                JournalEntryUpdate {
                    title: Some("J2".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        "share journal entry" => lib
            .set_journal_entry_shared(a, f.private_entry.id, true)
            .map(drop),
        "unshare journal entry" => lib
            .set_journal_entry_shared(a, f.shared_entry.id, false)
            .map(drop),
        "delete journal entry" => lib.delete_journal_entry(a, f.shared_entry.id),
        "list journal" => lib.journal(a, e).map(drop),
        "read shared journal entry" => lib.journal_entry(a, f.shared_entry.id).map(drop),
        "read private journal entry" => lib.journal_entry(a, f.private_entry.id).map(drop),
        "archive client" => lib.set_client_archived(a, f.idle.id, true).map(drop),
        "restore client" => lib.set_client_archived(a, f.archived.id, false).map(drop),
        "list archived clients" => lib.archived_clients(a, pid).map(drop),
        "erase client" => lib.erase_client(a, f.idle.id).map(drop),
        "define field" => lib
            .define_field(
                a,
                pid,
                NewField {
                    entity: FieldEntity::Engagement,
                    label: "Budget".into(),
                    kind: FieldKind::Number,
                    choices: Vec::new(),
                    required_for_activation: false,
                },
            )
            .map(drop),
        "update field" => lib
            .update_field(
                a,
                f.engagement_field.id,
                FieldUpdate {
                    label: Some("Sponsor name".into()),
                    required_for_activation: Some(true),
                    ..Default::default()
                },
            )
            .map(drop),
        "delete field" => lib.delete_field(a, f.engagement_field.id),
        "list fields" => lib
            .fields(a, pid, FieldEntity::Engagement)
            .and_then(|_| lib.fields(a, pid, FieldEntity::Client))
            .map(drop),
        "set engagement field value" => lib
            .set_field_value(
                a,
                FieldTarget::Engagement(e),
                f.engagement_field.id,
                Some(FieldValue::Text("Finance".into())),
            )
            .map(drop),
        "clear engagement field value" => lib
            .set_field_value(a, FieldTarget::Engagement(e), f.engagement_field.id, None)
            .map(drop),
        "read engagement field values" => lib.field_values(a, FieldTarget::Engagement(e)).map(drop),
        "set client field value" => lib
            .set_field_value(
                a,
                FieldTarget::Client(f.w.client.id),
                f.client_field.id,
                Some(FieldValue::Text("Initech".into())),
            )
            .map(drop),
        "clear client field value" => lib
            .set_field_value(
                a,
                FieldTarget::Client(f.w.client.id),
                f.client_field.id,
                None,
            )
            .map(drop),
        "read client field values" => lib
            .field_values(a, FieldTarget::Client(f.w.client.id))
            .map(drop),
        "create form template" => lib
            .create_form_template(
                a,
                pid,
                NewFormTemplate {
                    name: "Check-in".into(),
                    description: None,
                    questions: f.form_template.questions.clone(),
                },
            )
            .map(drop),
        "update form template" => lib
            .update_form_template(
                a,
                f.form_template.id,
                FormTemplateUpdate {
                    name: Some("Intake form".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        "delete form template" => lib.delete_form_template(a, f.form_template.id),
        "read form template" => lib.form_template(a, f.form_template.id).map(drop),
        "list form templates" => lib.form_templates(a, pid).map(drop),
        "add program form item" => lib
            .add_program_item(
                a,
                f.w.program.id,
                ProgramItemKind::Form {
                    template_id: f.form_template.id,
                    due_after_days: Some(7),
                },
            )
            .map(drop),
        "send form" => lib
            .send_form(a, e, f.form_template.id, Some(date(2026, 3, 27)))
            .map(drop),
        "save form answers" => lib
            .save_form_answers(
                a,
                f.open_form.id,
                vec![FormAnswer {
                    question: 0,
                    answer: Answer::Text("Run the department".into()),
                }],
            )
            .map(drop),
        "submit form" => lib.submit_form(a, f.open_form.id).map(drop),
        "reopen form" => lib.reopen_form(a, f.submitted_form.id).map(drop),
        "delete form" => lib.delete_form(a, f.open_form.id),
        "read open form" => lib.form(a, f.open_form.id).map(drop),
        "read submitted form" => lib.form(a, f.submitted_form.id).map(drop),
        "list forms" => lib.forms(a, e).map(drop),
        other => panic!("no such operation in the matrix: {other}"),
    }
}

pub fn permission_matrix(make: MakeStore) {
    let mut failures = Vec::new();
    for (op, row) in MATRIX {
        for (col, allowed) in row.iter().enumerate() {
            let f = fixture(make);
            if col == CLIENT_NO_PORTAL {
                f.w.lib
                    .update_client(
                        f.w.owner(),
                        f.w.client.id,
                        ClientUpdate {
                            has_portal: Some(false),
                            ..Default::default()
                        },
                    )
                    .unwrap();
            }
            let before = f.w.snapshot();
            let result = run(&f, op, f.actors[col]);
            // "add to own client library" names nothing of this practice: no one is outside it.
            let outsider = (col == FOREIGN_CLIENT || col == FOREIGN_OWNER)
                && *op != "add to own client library";
            match (result, allowed) {
                (Ok(()), true) => {}
                (Err(Error::PermissionDenied { .. }), false) if !outsider => {
                    if f.w.snapshot() != before {
                        failures.push(format!(
                            "{op} / {}: refused but changed the store",
                            COLUMNS[col]
                        ));
                    }
                }
                (Err(Error::NotFound { .. }), false) if outsider => {
                    if f.w.snapshot() != before {
                        failures.push(format!(
                            "{op} / {}: refused but changed the store",
                            COLUMNS[col]
                        ));
                    }
                }
                (got, _) => failures.push(format!(
                    "{op} / {}: expected {}, got {got:?}",
                    COLUMNS[col],
                    if *allowed { "allow" } else { "deny" }
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "permission matrix mismatches:\n{}",
        failures.join("\n")
    );
    let _ = (OWNER, OTHER_COACH, CLIENT);
}

pub fn private_notes_never_reach_a_client(make: MakeStore) {
    let f = fixture(make);
    let w = &f.w;
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let secret = w
        .lib
        .create_note(
            me,
            f.e.id,
            NewNote {
                title: "Zanzibar assessment".into(),
                body_html: "<p>zanzibar candid view</p>".into(),
                template: None,
            },
        )
        .unwrap();
    w.lib
        .add_comment(
            me,
            CommentTarget::Note(secret.id),
            "<p>zanzibar comment</p>",
        )
        .unwrap();
    let mut seen = Vec::new();
    seen.push(format!("{:?}", w.lib.notes(carla, f.e.id).unwrap()));
    for scope in [
        NoteScope::Engagement(f.e.id),
        NoteScope::Client(w.client.id),
    ] {
        for q in [Some("zanzibar".to_string()), None] {
            seen.push(format!(
                "{:?}",
                w.lib
                    .search_notes(
                        carla,
                        scope,
                        NoteQuery {
                            keywords: q,
                            ..Default::default()
                        }
                    )
                    .unwrap()
            ));
        }
    }
    seen.push(format!(
        "{:?}",
        w.lib
            .client_notes(carla, w.client.id, Page::first(1000))
            .unwrap()
    ));
    seen.push(format!("{:?}", w.lib.goals(carla, f.e.id).unwrap()));
    seen.push(format!(
        "{:?}",
        w.lib.engagement_resources(carla, f.e.id).unwrap()
    ));
    seen.push(format!(
        "{:?}",
        w.lib.overview_for_client(carla, w.client.id).unwrap()
    ));
    for s in &seen {
        assert!(
            !s.to_lowercase().contains("zanzibar"),
            "a private note leaked to the client: {s}"
        );
    }
    assert!(matches!(
        w.lib.note(carla, secret.id),
        Err(Error::PermissionDenied { .. })
    ));
    assert!(matches!(
        w.lib.comments(carla, CommentTarget::Note(secret.id)),
        Err(Error::PermissionDenied { .. })
    ));
    assert!(matches!(
        w.lib.activity(carla, f.e.id, Page::default()),
        Err(Error::PermissionDenied { .. })
    ));
    assert!(matches!(
        w.lib.search_notes(
            carla,
            NoteScope::Practice(w.practice.id),
            NoteQuery::default()
        ),
        Err(Error::PermissionDenied { .. })
    ));
    // Sharing it makes it visible, unsharing hides it again.
    w.lib.set_note_shared(me, secret.id, true).unwrap();
    assert_eq!(
        w.lib
            .search_notes(
                carla,
                NoteScope::Engagement(f.e.id),
                NoteQuery {
                    keywords: Some("zanzibar".into()),
                    ..Default::default()
                }
            )
            .unwrap()
            .len(),
        1
    );
    w.lib.set_note_shared(me, secret.id, false).unwrap();
    assert!(w
        .lib
        .search_notes(
            carla,
            NoteScope::Engagement(f.e.id),
            NoteQuery {
                keywords: Some("zanzibar".into()),
                ..Default::default()
            }
        )
        .unwrap()
        .is_empty());
}

/// Records what a read gave (its value or its refusal), requiring success where `must` says.
fn record<T: std::fmt::Debug>(out: &mut Vec<String>, what: &str, must: bool, r: Result<T>) {
    assert!(!must || r.is_ok(), "{what}: {r:?}");
    out.push(format!("{what}: {r:?}"));
}

/// Everything coach `a` (whose id is `coach`) reads of the practice and of `engagements`: the
/// owner reads it all; another coach the engagements assigned to them (not the fixture's).
fn coach_reads(f: &Fixture, a: Actor, coach: CoachId, engagements: &[EngagementId]) -> Vec<String> {
    let lib = &f.w.lib;
    let pid = f.w.practice.id;
    let client = f.w.client.id;
    let owner = a == f.w.owner();
    let mut out = Vec::new();
    let o = &mut out;
    for &e in engagements {
        let mine = owner || e != f.e.id;
        record(o, "journal", mine, lib.journal(a, e));
        record(o, "activity", mine, lib.activity(a, e, Page::first(1000)));
        record(o, "engagement", mine, lib.engagement(a, e));
        record(o, "notes", mine, lib.notes(a, e));
        record(o, "goals", mine, lib.goals(a, e));
        record(o, "assignments", mine, lib.assignments(a, e));
        record(
            o,
            "engagement resources",
            mine,
            lib.engagement_resources(a, e),
        );
        for range in [SessionRange::Upcoming, SessionRange::Past] {
            record(
                o,
                "sessions",
                mine,
                lib.sessions(a, e, range, Page::first(1000)),
            );
        }
    }
    let scopes = [NoteScope::Practice(pid), NoteScope::Client(client)]
        .into_iter()
        .chain(engagements.iter().map(|&e| NoteScope::Engagement(e)));
    for scope in scopes {
        let mine = owner || !matches!(scope, NoteScope::Engagement(x) if x == f.e.id);
        for keywords in [Some("quixotic".to_string()), None] {
            let query = NoteQuery {
                keywords,
                ..Default::default()
            };
            record(o, "note search", mine, lib.search_notes(a, scope, query));
        }
    }
    record(
        o,
        "client notes",
        true,
        lib.client_notes(a, client, Page::first(1000)),
    );
    record(
        o,
        "practice log",
        owner,
        lib.practice_activity(a, pid, Page::first(1000)),
    );
    o.push(format!("change feed: {:?}", super::journal::feed(&f.w, a)));
    record(o, "overview", true, lib.overview_for_practice(a, pid));
    record(
        o,
        "overview page",
        true,
        lib.overview_page(a, pid, OverviewQuery::default()),
    );
    record(
        o,
        "client overview",
        true,
        lib.overview_for_client(a, client),
    );
    record(o, "coach overview", true, lib.overview_for_coach(a, coach));
    record(
        o,
        "client to-dos",
        true,
        lib.client_todos(a, coach, Page::default()),
    );
    record(
        o,
        "reminders",
        true,
        lib.due(a, pid, t0(), t0() + chrono::Duration::days(30)),
    );
    record(o, "client", true, lib.client(a, client));
    out
}

/// A client's private journal entry reaches no coach, the owner included: not the entry, not
/// its words, not its log entries, through any read they have — while it exists and once the
/// client has deleted it.
pub fn private_journal_never_reaches_a_coach(make: MakeStore) {
    let f = fixture(make);
    let w = &f.w;
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let Actor::Coach(sam) = f.actors[OTHER_COACH] else {
        unreachable!("the other coach is a coach")
    };
    // A second engagement of the client, coached by the other coach.
    let e2 = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(sam),
                client_id: Some(w.client.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, e2.id).unwrap();
    let engagements = [f.e.id, e2.id];
    // In each, a private entry, written then edited.
    let secrets: Vec<JournalEntry> = engagements
        .iter()
        .map(|&e| {
            let j = w
                .lib
                .create_journal_entry(
                    carla,
                    e,
                    NewJournalEntry {
                        title: "Quixotic hopes".into(),
                        body_html: "<p>a quixotic plan to quit</p>".into(),
                        shared: false,
                    },
                )
                .unwrap();
            w.lib
                .update_journal_entry(
                    carla,
                    j.id,
                    JournalEntryUpdate {
                        body_html: Some("<p>still quixotic</p>".into()),
                        ..Default::default()
                    },
                )
                .unwrap()
        })
        .collect();
    // The client reads them, and is told of them.
    let theirs = super::journal::feed(w, carla);
    for (&e, j) in engagements.iter().zip(&secrets) {
        let journal = format!("{:?}", w.lib.journal(carla, e).unwrap());
        assert!(journal.to_lowercase().contains("quixotic"), "{journal}");
        let about = TargetRef::new(EntityKind::JournalEntry, *j.id.as_uuid());
        assert!(theirs.iter().any(|l| l.target == about), "{theirs:?}");
    }
    // The fixture's shared entry is all the owner reads of the journal.
    assert_eq!(
        w.lib.journal(me, f.e.id).unwrap(),
        vec![f.shared_entry.clone()]
    );
    let coaches = [(me, w.owner.id), (Actor::Coach(sam), sam)];
    for (a, _) in coaches {
        for j in &secrets {
            assert!(
                matches!(
                    w.lib.journal_entry(a, j.id),
                    Err(Error::PermissionDenied { .. })
                ),
                "{a:?} read a private journal entry"
            );
        }
    }
    // Not checked: the owner's export (`export_practice`), the practice's full backup, which
    // carries what is private to a client too (their own libraries, their `own` log entries).
    let check = |when: &str| {
        for (a, coach) in coaches {
            for s in coach_reads(&f, a, coach, &engagements) {
                assert!(
                    !s.to_lowercase().contains("quixotic"),
                    "{when}: a private journal entry reached {a:?}: {s}"
                );
            }
        }
    };
    check("written");
    for j in &secrets {
        w.lib.delete_journal_entry(carla, j.id).unwrap();
    }
    check("deleted");
}
