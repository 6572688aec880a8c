//! The antt binary: `antt serve` and the command line around it.

mod bundle;
mod cli;
mod commands;
mod config;
mod dorm;
mod fire;
mod import;
mod keys;
mod private;
mod province;
mod readiness;
mod roster;
mod serve;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let overrides = cli.overrides();
    let config = match config::Config::load(&overrides) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("lỗi cấu hình: {e:#}");
            return ExitCode::from(2);
        }
    };
    serve::init_logging(&config.log);
    if let Err(e) = private::make_private(&config.data_dir) {
        eprintln!("lỗi: thư mục dữ liệu {}: {e}", config.data_dir.display());
        return ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("lỗi: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli.command, config)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::FAILURE
        }
    }
}
