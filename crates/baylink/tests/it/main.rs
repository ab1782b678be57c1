//! Baylink's integration tests: one binary (each file under `tests/` would be linked on its
//! own), one module per part of the platform. Tests that need PostgreSQL or Chromium are
//! `#[ignore]`d here and run by `.ci/run`, which provides both.

mod accounts;
mod api;
mod browser;
mod cluster;
mod conformance;
mod crawl;
mod demo;
mod documents;
mod events;
mod events_store;
mod kit;
mod market;
mod market_store;
mod matchmaking;
mod matchmaking_store;
mod outages;
mod pages;
mod publications;
mod reports;
mod roles;
mod schedule;
mod search;
mod transfer;
