//! The one set of limits on what a request may send. The middleware that
//! checks the CSRF token reads the body up to these, and the routes that
//! take files allow as much; what each file may weigh is then checked by
//! the use case that reads it (an import, a tip's photos).

use antt_domain::tip::{MAX_PHOTO_BYTES, MAX_PHOTOS};

pub(crate) const MEGABYTE: usize = 1024 * 1024;

/// A form without files.
pub(crate) const FORM_BODY: usize = 2 * MEGABYTE;

/// Room for the fields around the files of an upload.
const FIELDS: usize = 64 * 1024;

/// A request with files: the largest of an import file and a tip's photos,
/// with the form around them.
pub(crate) const UPLOAD_BODY: usize = {
    let import = antt_core::import::MAX_FILE_BYTES;
    let photos = MAX_PHOTOS * MAX_PHOTO_BYTES;
    (if import > photos { import } else { photos }) + FIELDS
};

// An upload holds an import file or a tip's photos with their form.
const _: () = assert!(UPLOAD_BODY >= antt_core::import::MAX_FILE_BYTES + FIELDS);
const _: () = assert!(UPLOAD_BODY >= MAX_PHOTOS * MAX_PHOTO_BYTES + FIELDS);
const _: () = assert!(FORM_BODY < UPLOAD_BODY);
// And a unit's signed bundle.
const _: () = assert!(UPLOAD_BODY >= antt_core::bundle::MAX_BUNDLE + FIELDS);
