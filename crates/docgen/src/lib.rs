//! Office files in and out, with no IO of its own: bytes of a spreadsheet
//! or CSV file in, [`Sheet`](antt_domain::sheet::Sheet)s out ([`read`]);
//! tables in, XLSX or CSV bytes out ([`table`]); administrative documents
//! in the layout of Decree 30/2020/NĐ-CP out as DOCX ([`document`]);
//! photos re-encoded with nothing but their pixels ([`photo`]); the tip
//! poster with its QR code as DOCX and PNG ([`poster`]).
//! Synchronous and pure: the caller runs big files on a blocking thread.

pub mod certificate;
pub mod chart;
pub mod document;
pub mod guard;
pub mod labels;
pub mod photo;
pub mod poster;
pub mod read;
pub mod table;

mod properties;
pub use document::{Block, BodyTable, DocumentError, IssueDate, OfficialDocument, Signer};
pub use properties::core_properties;
pub use read::{ReadError, read_workbook};
pub use table::{TableSheet, Value, WriteError, csv, xlsx};

#[cfg(test)]
mod fuzz;
