//! Resources: the practice's library (a tree of folders, files and links), a client's own
//! library, and files uploaded straight into an engagement.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::actor::Actor;
use crate::ids::{ClientId, EngagementId, PracticeId, ResourceId};

named_enum!(
    /// What a resource is.
    ResourceKind { Folder = "folder", File = "file", Link = "link" }
);

/// Where a resource lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ResourcePlace {
    /// The practice's resource library (coaches).
    Library,
    /// A client's own library in their portal.
    ClientLibrary(ClientId),
    /// Uploaded straight into an engagement (by its coach or its client). Never shown in
    /// the client's own library.
    Engagement(EngagementId),
}

impl ResourcePlace {
    /// The place as SQL backends store it: its name, and its client or engagement.
    pub(crate) fn columns(&self) -> (&'static str, Option<ClientId>, Option<EngagementId>) {
        match self {
            ResourcePlace::Library => ("library", None, None),
            ResourcePlace::ClientLibrary(c) => ("client_library", Some(*c), None),
            ResourcePlace::Engagement(e) => ("engagement", None, Some(*e)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    pub id: ResourceId,
    pub practice_id: PracticeId,
    pub place: ResourcePlace,
    /// The folder it is in; `None` at the top.
    pub parent_id: Option<ResourceId>,
    pub kind: ResourceKind,
    pub name: String,
    /// Files: the media type, size in bytes and SHA-256 (hex) of the stored bytes.
    pub media_type: Option<String>,
    pub size: Option<u64>,
    pub sha256: Option<String>,
    /// Links: the URL.
    pub url: Option<String>,
    pub added_by: Actor,
    /// A client's upload into an engagement: whether they shared it with the coach.
    pub shared_with_coach: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A file to store.
#[derive(Debug, Clone, Default)]
pub struct NewFile {
    pub name: String,
    /// e.g. `application/pdf`; left empty: `application/octet-stream`.
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// What goes into a library or engagement: a folder, a file or a link.
#[derive(Debug, Clone)]
pub enum NewResource {
    Folder { name: String },
    File(NewFile),
    Link { name: String, url: String },
}

/// A resource of an engagement as its resources page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementResource {
    pub resource: Resource,
    /// Shared in from the practice library (a file or a whole folder), or uploaded into
    /// the engagement.
    pub from_library: bool,
    pub shared_by: Actor,
    pub shared_at: DateTime<Utc>,
}
