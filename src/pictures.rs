//! Pictures' sizes, read from the first bytes of their files for the load stage: a page that
//! gives each picture its width and height keeps its text still while pictures load (no
//! layout shift), where one without them jumps as each arrives.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The file types browsers show in `<img>` whose size can be read from their header.
const PICTURES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico"];

/// Whether a file of this name is a picture whose size [`size`] reads.
pub fn is_picture(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| PICTURES.iter().any(|p| p.eq_ignore_ascii_case(ext)))
}

/// The width and height a browser shows the picture at `path` with (a JPEG turned by its
/// EXIF orientation counts turned), or `None` when it cannot be read as a picture.
pub fn size(path: &Path) -> Option<(u32, u32)> {
    let mut head = Vec::with_capacity(HEAD);
    File::open(path)
        .ok()?
        .take(HEAD as u64)
        .read_to_end(&mut head)
        .ok()?;
    // A JPEG may give its size only after a long EXIF segment: then the whole file.
    let size = imagesize::blob_size(&head)
        .or_else(|_| imagesize::size(path))
        .ok()?;
    let (w, h) = (
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    );
    if w == 0 || h == 0 {
        return None;
    }
    Some(if turned(&head) { (h, w) } else { (w, h) })
}

/// How much of a picture is read at first: enough for every header, and for a JPEG's EXIF
/// segment (which comes first, its orientation at its start) and most of their sizes.
const HEAD: usize = 64 * 1024;

/// Whether `jpeg` (its first bytes) is a JPEG whose EXIF orientation (5 to 8) turns it a
/// quarter: browsers show it turned, so its width is its stored height.
fn turned(jpeg: &[u8]) -> bool {
    matches!(orientation(jpeg), Some(5..=8))
}

fn orientation(jpeg: &[u8]) -> Option<u16> {
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    // The segments before the picture data: markers with a two-byte length each.
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        let body = jpeg.get(at + 4..at + 2 + len)?;
        if marker == 0xE1 {
            if let Some(tiff) = body.strip_prefix(b"Exif\0\0") {
                return tiff_orientation(tiff);
            }
        }
        // The start of the picture data: no EXIF segment before it.
        if marker == 0xDA {
            return None;
        }
        at += 2 + len;
    }
    None
}

/// The Orientation entry (tag 0x0112) of a TIFF header's first directory.
fn tiff_orientation(tiff: &[u8]) -> Option<u16> {
    let little = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b = [*tiff.get(i)?, *tiff.get(i + 1)?];
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b = [
            *tiff.get(i)?,
            *tiff.get(i + 1)?,
            *tiff.get(i + 2)?,
            *tiff.get(i + 3)?,
        ];
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let dir = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(dir)?);
    (0..entries)
        .map(|k| dir + 2 + 12 * k)
        .find(|&e| u16_at(e) == Some(0x0112))
        .and_then(|e| u16_at(e + 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG's first bytes with an EXIF segment giving `orientation`, in either byte
    /// order.
    fn jpeg_with(orientation: u16, little: bool) -> Vec<u8> {
        type Bytes<T, const N: usize> = fn(T) -> [u8; N];
        let (u16b, u32b): (Bytes<u16, 2>, Bytes<u32, 4>) = if little {
            (u16::to_le_bytes, u32::to_le_bytes)
        } else {
            (u16::to_be_bytes, u32::to_be_bytes)
        };
        let mut tiff = Vec::new();
        tiff.extend_from_slice(if little { b"II" } else { b"MM" });
        tiff.extend_from_slice(&u16b(42));
        tiff.extend_from_slice(&u32b(8));
        tiff.extend_from_slice(&u16b(2));
        // An entry before it (ImageWidth), then Orientation (SHORT, one value).
        for (tag, value) in [(0x0100u16, 640u16), (0x0112, orientation)] {
            tiff.extend_from_slice(&u16b(tag));
            tiff.extend_from_slice(&u16b(3));
            tiff.extend_from_slice(&u32b(1));
            tiff.extend_from_slice(&u16b(value));
            tiff.extend_from_slice(&[0, 0]);
        }
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0];
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&u16::try_from(app1.len() + 2).unwrap_or(0).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&[0xFF, 0xDA, 0, 2]);
        out
    }

    #[test]
    fn reads_the_exif_orientation_in_both_byte_orders() {
        for little in [true, false] {
            assert_eq!(orientation(&jpeg_with(6, little)), Some(6));
            assert!(turned(&jpeg_with(6, little)));
            assert!(turned(&jpeg_with(8, little)));
            assert!(!turned(&jpeg_with(1, little)));
            assert!(!turned(&jpeg_with(3, little)));
        }
        // No EXIF, not a JPEG, cut short: not turned.
        assert!(!turned(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]));
        assert!(!turned(b"\x89PNG\r\n\x1a\n"));
        let cut = jpeg_with(6, true);
        assert!(!turned(&cut[..20]));
    }

    #[test]
    fn knows_picture_files_by_their_extension() {
        assert!(is_picture("img/nerve.PNG") && is_picture("a.jpeg") && is_picture("b.webp"));
        assert!(!is_picture("drawing.svg") && !is_picture("notes.pdf") && !is_picture("png"));
    }
}
