//! dlnotes in the browser: installs the panic screen and mounts the app.

mod app;
mod components;
mod data;
mod i18n;
mod lessons;
mod panic;
mod plots;
mod url_state;
mod web;

fn main() {
    panic::install();
    leptos::mount::mount_to_body(app::App);
}
