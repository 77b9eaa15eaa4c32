//! Resources: the practice's library (a tree of folders, files and links), a client's own
//! library, and files uploaded straight into an engagement.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::actor::Actor;
use crate::ids::{ClientId, EngagementId, PracticeId, ResourceId};

named_enum!(
    /// What a resource is.
    ResourceKind {
        /// A folder: holds other resources, has no content of its own.
        Folder = "folder",
        /// A stored file: bytes with a media type, size and SHA-256.
        File = "file",
        /// A link to a web page (an http or https URL).
        Link = "link",
    }
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

/// A folder, file or link: in the practice's resource library, in a client's own library, or
/// uploaded straight into an engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// This resource's id.
    pub id: ResourceId,
    /// The practice the resource belongs to.
    pub practice_id: PracticeId,
    /// Where it lives: the practice library, a client's own library, or an engagement.
    pub place: ResourcePlace,
    /// The folder it is in; `None` at the top.
    pub parent_id: Option<ResourceId>,
    /// Whether it is a folder, a file or a link.
    pub kind: ResourceKind,
    /// The name shown (required, trimmed).
    pub name: String,
    /// Files: the media type, size in bytes and SHA-256 (hex) of the stored bytes.
    pub media_type: Option<String>,
    /// Files: the size of the stored bytes, in bytes; `None` for folders and links.
    pub size: Option<u64>,
    /// Files: the SHA-256 of the stored bytes, lower-case hex; `None` for folders and links.
    pub sha256: Option<String>,
    /// Links: the URL.
    pub url: Option<String>,
    /// Who added it: a coach, or a client (to their own library or into their engagement).
    pub added_by: Actor,
    /// A client's upload into an engagement: whether they shared it with the coach.
    pub shared_with_coach: bool,
    /// When it was added (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last changed, e.g. shared with the coach (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A file to store.
#[derive(Debug, Clone, Default)]
pub struct NewFile {
    /// The file's name as shown (required).
    pub name: String,
    /// e.g. `application/pdf`; left empty: `application/octet-stream`.
    pub media_type: String,
    /// The content. Over [`crate::Coaching::max_file_bytes`] it is refused with
    /// [`Error::FileTooLarge`](crate::error::Error::FileTooLarge).
    pub bytes: Vec<u8>,
}

/// What goes into a library or engagement: a folder, a file or a link.
#[derive(Debug, Clone)]
pub enum NewResource {
    /// A folder, empty at first.
    Folder {
        /// The folder's name (required).
        name: String,
    },
    /// A file, with its name, media type and bytes.
    File(NewFile),
    /// A link to a web page.
    Link {
        /// The name shown (required).
        name: String,
        /// The address: an http or https URL; anything else is refused with
        /// [`Error::Validation`](crate::error::Error::Validation).
        url: String,
    },
}

/// A resource of an engagement as its resources page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementResource {
    /// The resource itself.
    pub resource: Resource,
    /// Shared in from the practice library (a file or a whole folder), or uploaded into
    /// the engagement.
    pub from_library: bool,
    /// Who shared it into the engagement, or who uploaded it there.
    pub shared_by: Actor,
    /// When it was shared or uploaded (UTC).
    pub shared_at: DateTime<Utc>,
}
