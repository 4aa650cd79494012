//! Contact sheets: one PNG with a grid of a dataset's images and their labels drawn on, so a
//! person can check the labels at a glance (`render sheet`, and `preview/contact_sheet.png`
//! after a run).
//!
//! Made from the finished files only, never from the renderer's memory:
//!
//! ```text
//! annotations/coco.json --coco::read_selection (streamed, filtered)--> chosen images + annotations
//! per image: images/N.png + masks/instance/N.png
//!   --tile::render_tile--> image scaled to the tile width (Triangle filter)
//!                          + mask outline (found at full resolution, mapped into the tile)
//!                          + COCO box + category name + image stem
//! tiles --compose--> one RGB grid --png_encode, atomic--> preview/sheet.png
//! ```
//!
//! Colours come from a fixed palette indexed by category id ([`category_colour`]); text uses a
//! built-in 5×7 bitmap font scaled with the tile width.

mod coco;
pub(crate) mod draw;
pub(crate) mod font;
mod outline;
mod place;
mod tile;

use std::path::{Component, Path, PathBuf};

use image::{Rgb, RgbImage, imageops};
use rayon::prelude::*;

use super::layout::DatasetLayout;
use super::{OutputError, atomic, png_encode};
pub use draw::category_colour;

/// Images on a sheet unless told otherwise.
pub const DEFAULT_COUNT: u32 = 16;
/// Tiles per row unless told otherwise.
pub const DEFAULT_COLUMNS: u32 = 4;
/// Tile width in pixels unless told otherwise.
pub const DEFAULT_TILE_WIDTH: u32 = 480;
/// Narrowest tile allowed (a label must fit).
pub const MIN_TILE_WIDTH: u32 = 16;
/// Most pixels a sheet may have (about 200 MB of RGB), so a large `--count` fails cleanly
/// instead of exhausting memory.
pub const MAX_SHEET_PIXELS: u64 = 64 << 20;
/// Background between tiles of different heights, after the last tile, and of separators.
const BACKGROUND: [u8; 3] = [32, 32, 32];

/// What a sheet shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetOptions {
    /// Smallest image index (`image_id - 1`) to show; the first images at or after it are used.
    pub start: u64,
    /// Most images to show.
    pub count: u32,
    /// Tiles per row (fewer if there are fewer images).
    pub columns: u32,
    /// Tile width in pixels; the height follows the image's aspect ratio.
    pub tile_width: u32,
}

impl Default for SheetOptions {
    fn default() -> Self {
        Self {
            start: 0,
            count: DEFAULT_COUNT,
            columns: DEFAULT_COLUMNS,
            tile_width: DEFAULT_TILE_WIDTH,
        }
    }
}

/// What is wrong with a dataset, or the request, when a contact sheet cannot be made.
/// [`OutputError::Sheet`] pairs it with the file or directory concerned.
#[derive(thiserror::Error, Debug)]
pub enum SheetIssue {
    /// The dataset directory does not exist (or is not a directory).
    #[error("no such directory")]
    NoDirectory,
    /// A file the sheet needs (`coco.json`, an image, a mask) does not exist.
    #[error("the file does not exist")]
    MissingFile,
    /// `coco.json` is not valid JSON or not COCO-shaped; the message has the line and column.
    #[error("broken JSON: {0}")]
    Json(serde_json::Error),
    /// An image or mask could not be decoded.
    #[error("cannot decode it: {0}")]
    Decode(String),
    /// An instance mask is not a 16-bit grey PNG.
    #[error("expected a 16-bit grey instance mask, found {0}")]
    MaskFormat(String),
    /// An image or mask does not have the size it should.
    #[error("it is {}x{} but {against} {}x{}", found.0, found.1, expected.0, expected.1)]
    Size {
        /// Its size.
        found: (u32, u32),
        /// The size it should have.
        expected: (u32, u32),
        /// Where `expected` comes from, phrased to follow "but": "coco.json says", "the image is".
        against: &'static str,
    },
    /// An image's `file_name` is not a plain path relative to `images/`.
    #[error("file_name {0:?} is not a relative path inside images/")]
    FileName(String),
    /// `coco.json` lists no image at or after the requested start.
    #[error("no image with index {0} or more is listed")]
    NoImages(u64),
    /// The options ask for an impossible sheet (zero sizes, too many pixels).
    #[error("{0}")]
    Options(String),
}

impl SheetIssue {
    /// This issue as an [`OutputError`] about `path`.
    pub fn at(self, path: impl Into<PathBuf>) -> OutputError {
        OutputError::Sheet {
            path: path.into(),
            issue: self,
        }
    }
}

/// `OUT/preview/sheet.png`, where `render sheet` writes unless told otherwise.
pub fn default_path(root: &Path) -> PathBuf {
    DatasetLayout::new(root).preview_dir().join("sheet.png")
}

/// Makes a contact sheet of the dataset at `root` and writes it atomically to `out` (creating
/// its directory); returns `out`.
pub fn write_sheet(
    root: &Path,
    out: &Path,
    options: &SheetOptions,
) -> Result<PathBuf, OutputError> {
    if !root.is_dir() {
        return Err(SheetIssue::NoDirectory.at(root));
    }
    check_options(root, options)?;
    let coco_path = DatasetLayout::new(root).coco();
    let selection = coco::read_selection(&coco_path, options.start, options.count)?;
    check_images(&coco_path, &selection.images, options.start)?;
    let grid = Grid::plan(&selection.images, options);
    grid.check_size(root)?;
    let tiles: Vec<RgbImage> = selection
        .images
        .par_iter()
        .map(|image| {
            let annotations = selection.annotations.get(&image.id);
            let spec = tile::TileSpec {
                image,
                annotations: annotations.map_or(&[], Vec::as_slice),
                names: &selection.names,
            };
            tile::render_tile(root, &spec, options.tile_width)
        })
        .collect::<Result<_, _>>()?;
    write_png(&grid.compose(&tiles), out)?;
    Ok(out.to_path_buf())
}

/// The image and instance-mask paths of the image with COCO `file_name`.
fn layout_paths(root: &Path, file_name: &str) -> (PathBuf, PathBuf) {
    let layout = DatasetLayout::new(root);
    let image = layout.images_dir().join(file_name);
    let mask = layout
        .instance_masks_dir()
        .join(Path::new(file_name).with_extension("png"));
    (image, mask)
}

/// Rejects zero or out-of-range options.
fn check_options(root: &Path, o: &SheetOptions) -> Result<(), OutputError> {
    let problem = if o.count == 0 {
        "the count must be at least 1".to_owned()
    } else if o.columns == 0 {
        "the number of columns must be at least 1".to_owned()
    } else if o.tile_width < MIN_TILE_WIDTH {
        format!("the tile width must be at least {MIN_TILE_WIDTH}")
    } else {
        return Ok(());
    };
    Err(SheetIssue::Options(problem).at(root))
}

/// Checks that images were found and that their file names stay inside `images/`.
fn check_images(coco: &Path, images: &[coco::SheetImage], start: u64) -> Result<(), OutputError> {
    if images.is_empty() {
        return Err(SheetIssue::NoImages(start).at(coco));
    }
    for image in images {
        let name = Path::new(&image.file_name);
        let plain = name.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain || image.file_name.is_empty() {
            return Err(SheetIssue::FileName(image.file_name.clone()).at(coco));
        }
    }
    Ok(())
}

/// Where the tiles go: `columns` × `rows` cells of `tile_width` × `cell_height` pixels.
struct Grid {
    /// Tiles per row.
    columns: u32,
    /// Rows of tiles.
    rows: u32,
    /// Width of every tile.
    tile_width: u32,
    /// Height of the tallest tile.
    cell_height: u32,
}

impl Grid {
    /// The grid for `images`: at most `options.columns` wide, cells as tall as the tallest tile.
    fn plan(images: &[coco::SheetImage], options: &SheetOptions) -> Self {
        let n = u32::try_from(images.len()).unwrap_or(u32::MAX);
        let columns = options.columns.min(n).max(1);
        let cell_height = images
            .iter()
            .map(|i| tile::tile_height(i.width, i.height, options.tile_width))
            .max()
            .unwrap_or(1);
        Self {
            columns,
            rows: n.div_ceil(columns),
            tile_width: options.tile_width,
            cell_height,
        }
    }

    /// Fails if the sheet would exceed [`MAX_SHEET_PIXELS`].
    fn check_size(&self, root: &Path) -> Result<(), OutputError> {
        let w = u64::from(self.columns) * u64::from(self.tile_width);
        let h = u64::from(self.rows) * u64::from(self.cell_height);
        if w.saturating_mul(h) <= MAX_SHEET_PIXELS && w <= u64::from(u32::MAX) {
            return Ok(());
        }
        Err(SheetIssue::Options(format!(
            "the sheet would be {w}x{h} pixels, more than {MAX_SHEET_PIXELS}; \
             show fewer images or narrower tiles"
        ))
        .at(root))
    }

    /// The tiles laid out row by row, left to right.
    fn compose(&self, tiles: &[RgbImage]) -> RgbImage {
        let mut sheet = RgbImage::from_pixel(
            self.columns * self.tile_width,
            self.rows * self.cell_height,
            Rgb(BACKGROUND),
        );
        for (k, tile) in (0_u32..).zip(tiles) {
            let x = k % self.columns * self.tile_width;
            let y = k / self.columns * self.cell_height;
            imageops::replace(&mut sheet, tile, i64::from(x), i64::from(y));
        }
        self.draw_separators(&mut sheet);
        sheet
    }

    /// Darkens the last column and row of every cell so that neighbouring tiles stand apart.
    fn draw_separators(&self, sheet: &mut RgbImage) {
        let (w, h) = sheet.dimensions();
        for (x, y, px) in sheet.enumerate_pixels_mut() {
            let right = x % self.tile_width == self.tile_width - 1 && x + 1 < w;
            let bottom = y % self.cell_height == self.cell_height - 1 && y + 1 < h;
            if right || bottom {
                *px = Rgb(BACKGROUND);
            }
        }
    }
}

/// Encodes `sheet` as PNG and writes it atomically to `out`, creating its directory.
pub(crate) fn write_png(sheet: &RgbImage, out: &Path) -> Result<(), OutputError> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| OutputError::io("create directory", dir, e))?;
    }
    let rgba: Vec<u8> = sheet
        .pixels()
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    let png = png_encode::encode_rgb8_from_rgba8(&rgba, sheet.width(), sheet.height())?;
    atomic::write_atomic(out, &png)
}
