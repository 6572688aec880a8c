//! Office files in and out, with no IO of its own: bytes of a spreadsheet
//! or CSV file in, [`Sheet`](antt_domain::sheet::Sheet)s out ([`read`]);
//! tables in, XLSX or CSV bytes out ([`table`]). Synchronous and pure: the
//! caller runs big files on a blocking thread.

pub mod read;
pub mod table;

pub use read::{ReadError, read_workbook};
pub use table::{TableSheet, Value, WriteError, csv, xlsx};
