//! Photos attached to tips: a JPEG, PNG or WebP in, a JPEG out that holds
//! nothing but pixels. Decoding and encoding again drops EXIF, GPS, the
//! camera's serial number and any other metadata; the picture is turned
//! upright first (phones store the rotation in the EXIF that goes) and made
//! no larger than [`MAX_SIDE`] on its longest side, which also makes a
//! 12-megapixel photo about 300 KB for a weak connection.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

/// The longest side of a stored photo, in pixels.
pub const MAX_SIDE: u32 = 1600;
/// The largest picture decoded, per side: more is refused, not resized, so
/// a crafted file cannot take the server's memory.
const MAX_DECODED_SIDE: u32 = 12_000;
const QUALITY: u8 = 80;

/// Why a file is not taken as a photo.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PhotoError {
    #[error("not a JPEG, PNG or WebP picture")]
    NotAPicture,
    #[error("the picture is larger than {MAX_DECODED_SIDE} pixels on a side")]
    TooLarge,
}

/// The photo re-encoded as a JPEG without metadata.
pub fn clean(bytes: &[u8]) -> Result<Vec<u8>, PhotoError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| PhotoError::NotAPicture)?;
    if !matches!(
        reader.format(),
        Some(image::ImageFormat::Jpeg | image::ImageFormat::Png | image::ImageFormat::WebP)
    ) {
        return Err(PhotoError::NotAPicture);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| refusal(&e))?;
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| refusal(&e))?;
    if let Some(o) = orientation {
        picture.apply_orientation(o);
    }
    if picture.width() > MAX_SIDE || picture.height() > MAX_SIDE {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    }
    let rgb = picture.into_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&rgb)
        .map_err(|_| PhotoError::NotAPicture)?;
    Ok(out)
}

fn refusal(e: &image::ImageError) -> PhotoError {
    match e {
        image::ImageError::Limits(_) => PhotoError::TooLarge,
        _ => PhotoError::NotAPicture,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    /// A JPEG with an EXIF block naming a place and a camera, as a phone writes it.
    fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
        let picture = ImageBuffer::from_fn(width, height, |x, y| {
            Rgb([
                u8::try_from(x % 256).unwrap_or(0),
                u8::try_from(y % 256).unwrap_or(0),
                90,
            ])
        });
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 90)
            .encode_image(&picture)
            .expect("encodes");
        // APP1 "Exif" segment right after SOI, carrying recognisable text.
        let payload = b"Exif\0\0GPS 22.4856N 103.9707E Camera SN-8841";
        let len = u16::try_from(payload.len() + 2).expect("short");
        let mut out = plain[..2].to_vec();
        out.extend([0xFF, 0xE1]);
        out.extend(len.to_be_bytes());
        out.extend(payload);
        out.extend(&plain[2..]);
        out
    }

    #[test]
    fn a_photo_loses_its_metadata_and_keeps_its_picture() {
        let input = jpeg_with_exif(64, 48);
        assert!(input.windows(3).any(|w| w == b"GPS"));
        let out = clean(&input).expect("a photo");
        assert!(!out.windows(3).any(|w| w == b"GPS"), "no GPS left");
        assert!(!out.windows(4).any(|w| w == b"Exif"), "no EXIF left");
        let back = image::load_from_memory(&out).expect("a JPEG");
        assert_eq!((back.width(), back.height()), (64, 48));
    }

    #[test]
    fn a_big_photo_is_made_smaller() {
        let out = clean(&jpeg_with_exif(3200, 1200)).expect("a photo");
        let back = image::load_from_memory(&out).expect("a JPEG");
        assert_eq!((back.width(), back.height()), (MAX_SIDE, 600));
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(
            clean(b"%PDF-1.7 not a picture"),
            Err(PhotoError::NotAPicture)
        );
        assert_eq!(clean(b""), Err(PhotoError::NotAPicture));
        let mut cut = jpeg_with_exif(64, 48);
        cut.truncate(cut.len() / 3);
        assert!(clean(&cut).is_err(), "a truncated JPEG");
    }
}
