//! sdgen turns glTF assets and a RON scene into labelled synthetic image datasets.
//!
//! Data flows one way, with one plain-data bridge at each boundary:
//!
//! ```text
//! scene file (RON) --scene::load--> SceneConfig
//!       |  per image i: rng(seed, i)
//!       v
//! bevy_ecs World --world: spawn -> randomise -> extract--> FrameData (plain structs)
//!       v
//! render::Renderer (wgpu only) --shadow, id, colour (4x MSAA HDR + sky), post passes-->
//!       final colour (lens, sensor, ACES) and packed ids (R32Uint), distorted alike
//!       v
//! render::readback (row padding stripped once) --> FrameImages
//!       v
//! labels (from the id mask only): area, bbox, RLE --> FrameLabels
//!       v
//! output: PNG encode, meta JSON, streaming COCO writer --> OUT/
//! ```
//!
//! `pipeline` runs these stages concurrently with frames in flight and bounded queues,
//! so the GPU keeps rendering while earlier frames are labelled and encoded.

pub mod builtin;
pub mod frame;
pub mod importer;
pub mod labels;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scene;
pub mod source;
pub mod world;
