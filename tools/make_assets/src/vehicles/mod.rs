//! Vehicles: passenger cars (sedan, hatchback, SUV, pickup, van), heavy vehicles (box
//! truck, semi-trailer truck, city bus) and two-wheelers (motorcycle, bicycle).
//!
//! All face +Z with the origin on the ground at the centre of the footprint and the
//! wheels touching y = 0. Car paint is the material named "paint", so it can be
//! recoloured by name; glass, rubber, chrome, plastic_trim, headlight, taillight and
//! plate are shared names across the set.

mod bicycle;
mod body;
mod bus;
mod car_types;
mod cars;
mod heavy;
mod kit;
mod motorcycle;
mod parts;
mod trucks;
mod two_wheelers;

/// Mount points riders are posed onto (shared with `people`).
pub(crate) use two_wheelers::{bike, moto};

use std::path::Path;

/// Writes this module's assets into `dir`; returns (file name, bytes) per file.
pub(crate) fn write_all(dir: &Path) -> std::io::Result<Vec<(String, usize)>> {
    Ok(vec![
        cars::write(dir, &car_types::SEDAN, &kit::Parts::default())?,
        cars::write(dir, &car_types::HATCHBACK, &car_types::hatchback_extras())?,
        cars::write(dir, &car_types::SUV, &car_types::suv_extras())?,
        cars::write(dir, &car_types::PICKUP, &car_types::pickup_extras())?,
        cars::write(dir, &car_types::VAN, &car_types::van_extras())?,
        trucks::box_truck(dir)?,
        trucks::semi(dir)?,
        bus::bus(dir)?,
        motorcycle::motorcycle(dir)?,
        bicycle::bicycle(dir)?,
    ])
}
