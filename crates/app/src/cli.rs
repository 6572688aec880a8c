//! The command line (clap): flags in English, messages in Vietnamese.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Overrides;

/// antt: the movement "Toàn dân bảo vệ an ninh Tổ quốc" in schools and the
/// police that oversee them. Without a command, `serve`.
#[derive(Debug, Parser)]
#[command(name = "antt", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub(crate) struct Global {
    /// Folder of the embedded SQLite database and other data.
    #[arg(long, global = true, env = "ANTT_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A PostgreSQL (or SQLite) URL instead of the SQLite file in the data folder.
    #[arg(long, global = true, env = "ANTT_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// A TOML configuration file (see `antt config print-default`).
    #[arg(long, global = true, env = "ANTT_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run the web server.
    Serve(ServeArgs),
    /// Bring the database schema up to date.
    Migrate,
    /// Load the demo (Trường Cao đẳng Lào Cai) into an empty database.
    Demo,
    /// Units: list and add.
    #[command(subcommand)]
    Unit(UnitCommand),
    /// Accounts: add.
    #[command(subcommand)]
    User(UserCommand),
    /// Import people from a spreadsheet (XLSX, XLS, ODS, CSV).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export people to XLSX or CSV, or write the import template.
    #[command(subcommand)]
    Export(ExportCommand),
    /// The movement plan: write it as a Word document.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Will the unit meet the standard "An toàn về ANTT", what score is it
    /// heading for, what is missing and who must do it by when.
    Readiness {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// The movement year (16/11 of the year before to 15/11); by
        /// default the one being assessed now.
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Reports written from the records.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Rubrics (the standard's criteria, a score sheet) as TOML files.
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Send today's e-mail reminders of overdue and due-soon tasks now
    /// (the server sends them each morning by itself; needs `smtp_url`).
    Remind,
    /// Database: backup, restore and verification.
    #[command(subcommand)]
    Db(DbCommand),
    /// The key tips are sealed with.
    #[command(subcommand)]
    TipKey(TipKeyCommand),
    /// Configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Guard-duty rosters in the exchange format of the reference solvers
    /// (no database needed).
    #[command(subcommand)]
    Roster(RosterCommand),
    /// The register of fire-safety equipment and cameras.
    #[command(subcommand)]
    Equipment(EquipmentCommand),
    /// Fire safety: what is overdue.
    #[command(subcommand)]
    Fire(FireCommand),
    /// Boarding students: residents, the night's roll call.
    #[command(subcommand)]
    Dorm(DormCommand),
    /// The province: its units against the targets it set.
    #[command(subcommand)]
    Province(ProvinceCommand),
    /// Units on their own copy: a year sent to the province as a signed
    /// bundle, and bundles imported there.
    #[command(subcommand)]
    Bundle(BundleCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum BundleCommand {
    /// This copy's public key, to register once with the police over the
    /// unit (made the first time it is asked for).
    Key,
    /// Writes a unit's year as a bundle signed with this copy's key.
    Export {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Registers the key of a unit's own copy (on the province's server),
    /// or with `--remove` hosts the unit here again.
    Register {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// The key as the unit's copy prints it (ed25519:…).
        #[arg(long, value_name = "KEY", required_unless_present = "remove")]
        key: Option<String>,
        #[arg(long, conflicts_with = "key")]
        remove: bool,
    },
    /// Imports a unit's bundle (on the province's server): all of it, or
    /// nothing when a byte was changed, the key is not the unit's, or a
    /// newer bundle of the year is here.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ProvinceCommand {
    /// Each target of a police body: the share reached in the year, the
    /// target, and the units holding it down. Exits 1 when a target is
    /// not met.
    Standing {
        /// The police body (province or ward police), by code.
        #[arg(long, value_name = "CODE")]
        authority: String,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Write the figures as Excel to this file instead.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum DormCommand {
    /// Residents of the dormitories.
    #[command(subcommand)]
    Residents(ResidentsCommand),
    /// A night's roll call: every room's count and who was absent
    /// without leave. Exits 1 when someone was.
    Rollcall {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// The night (the day the roll was called); last night when absent.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The temporary-residence list for the ward police, with the
    /// personal identification numbers in full: Excel (`.xlsx`, every
    /// boarder) or Word (`.docx`, the request to register those whose
    /// registration needs doing); the export is audited.
    ResidenceList {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ResidentsCommand {
    /// Place students from a sheet (room | code | name, with the
    /// building, bed and day moved in where given): every row or none.
    Import {
        file: PathBuf,
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// Check the file and say what it would do; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum EquipmentCommand {
    /// Add the items of a register sheet (XLSX, XLS, ODS, CSV): every row
    /// or none; the problems are listed by row.
    Import {
        file: PathBuf,
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// Check the file and say what it would add; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The register as Excel (the columns the import reads).
    Export {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// The QR labels of every item in use, as an A4 sheet (Word, or PDF
    /// when the file ends in .pdf).
    Labels {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum FireCommand {
    /// The year's fire-safety dossier (hồ sơ quản lý, theo dõi hoạt động
    /// PCCC và CNCH) as Word, with the register as its appendix; says
    /// which parts are still missing.
    Dossier {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Checks, services and tests overdue, items expiring this month, and
    /// faults still open.
    Overdue {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum RosterCommand {
    /// Find a roster for an instance: every shift staffed within the
    /// labour-law rules, wishes and fairness as good as the time allows.
    /// Prints the score as `score.py` does.
    Solve {
        /// The instance (JSON: rules, guards, shifts).
        instance: PathBuf,
        /// Where to write the solution (JSON: {"assignments": {…}}).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Stop searching after this many seconds.
        #[arg(long, default_value_t = 10.0)]
        seconds: f64,
        /// Stop after this many moves: the same roster on every machine.
        #[arg(long)]
        moves: Option<u64>,
        /// The seed of the search: the same seed, the same moves.
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// A guard calls in sick: re-plan from that moment with as few changes
    /// as possible; prints the score and each shift that changed hands.
    Repair {
        instance: PathBuf,
        /// The published roster.
        solution: PathBuf,
        /// The guard's id.
        #[arg(long)]
        guard: i64,
        /// From when (2026-12-10T12:00:00).
        #[arg(long)]
        from: chrono::NaiveDateTime,
        /// Until when.
        #[arg(long)]
        until: chrono::NaiveDateTime,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long, default_value_t = 1.0)]
        seconds: f64,
    },
    /// Score a roster: `hard=H soft=S` and each rule, as `score.py` prints.
    Score {
        instance: PathBuf,
        solution: PathBuf,
    },
}

#[derive(Debug, Default, Args)]
pub(crate) struct ServeArgs {
    /// Load the demo first when the database is empty, and print its logins.
    #[arg(long)]
    pub demo: bool,
    /// Address and port to listen on, e.g. 0.0.0.0:8080.
    #[arg(long, env = "ANTT_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum UnitCommand {
    /// List every unit.
    List,
    /// Add a unit.
    Add {
        /// Short code, e.g. CDLC (letters, digits, - _ . /).
        #[arg(long)]
        code: String,
        /// Full name, e.g. "Trường Cao đẳng Lào Cai".
        #[arg(long)]
        name: String,
        /// school, agency, enterprise, province_police or ward_police.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        address: Option<String>,
        /// Code of the police unit that oversees it.
        #[arg(long, value_name = "CODE")]
        authority: Option<String>,
        /// A school's level: preschool, primary, lower_secondary,
        /// upper_secondary, multi_level, vocational or university.
        #[arg(long)]
        level: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum UserCommand {
    /// Add an account; asks for the password twice, or reads it from stdin.
    Add {
        /// Code of the unit of the account.
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// system_admin, province_officer, unit_admin, unit_leader,
        /// department_head, guard, teacher or student.
        #[arg(long)]
        role: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ImportCommand {
    /// Check every row first; write all of them in one transaction, or
    /// nothing. Prints "N mới, M cập nhật, K lỗi"; exits 1 when refused.
    People {
        /// The file: .xlsx, .xls, .ods or .csv (UTF-8, UTF-16 or Windows-1258).
        file: PathBuf,
        /// Code of the unit the people belong to.
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// Only check and report; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Everyone in the file is `staff` or `student` (otherwise a
        /// "Đối tượng" column, or a class, tells).
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        /// Create the classes and departments the file names that the unit
        /// does not have yet.
        #[arg(long)]
        create_missing: bool,
        /// Import the good rows and skip the rows with problems.
        #[arg(long)]
        only_valid: bool,
        /// Write rows that change the name or birth date of people the unit
        /// has (looked at in a dry run first).
        #[arg(long)]
        confirm_renames: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ExportCommand {
    /// The people of a unit, in the columns the import reads back.
    People {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// xlsx or csv.
        #[arg(long, default_value = "xlsx")]
        format: String,
        /// Write the empty template to fill in instead of the list.
        #[arg(long)]
        template: bool,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum PlanCommand {
    /// The plan of a unit for a year as a .docx file in the layout of
    /// Decree 30/2020/NĐ-CP.
    Export {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// The plan year (the movement year from 16/11 of the year before).
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ReportCommand {
    /// The yearly report of results of the movement (Báo cáo kết quả thực
    /// hiện Phong trào) as a .docx file in the layout of Decree 30/2020.
    Yearly {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// A police body's report on the movement in the agencies,
    /// enterprises and schools under it, written from every unit's records
    /// (Word, Decree 30 layout): a year, or `--years 5` for the period.
    Province {
        /// The police body (province or ward police), by code.
        #[arg(long, value_name = "CODE")]
        authority: String,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// How many years it covers, ending with --year.
        #[arg(long, value_name = "N", default_value_t = 1)]
        years: i32,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum RubricCommand {
    /// Check a rubric file: every problem with its line; exit 1 when refused.
    Check { file: PathBuf },
    /// Load a score sheet from a TOML file as a police authority's own, in
    /// force for every unit under it from then on.
    Load {
        file: PathBuf,
        /// The police authority (a province_police or ward_police unit).
        #[arg(long, value_name = "CODE")]
        authority: String,
    },
    /// Print a built-in rubric (a starting point for a province's own).
    Show {
        /// tt124-2021-school, tt124-2021-agency or qd510-2022.
        code: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum DbCommand {
    /// Write a consistent copy of the SQLite database to FILE, and the tip
    /// key beside it to FILE.key (never overwrites; keep the two together).
    Backup {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Put a backup and its key (FILE.key) in place of the data folder's
    /// database and key, after checking that they belong together and the
    /// backup is whole. Stop the server first; what was there is kept
    /// under a new name.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The backup's key file, when it is not FILE.key.
        #[arg(long, value_name = "KEYFILE")]
        key: Option<PathBuf>,
    },
    /// Check the database file, the schema version and the audit chain.
    Verify,
    /// Copy this instance's whole database (every table, the audit chain
    /// checked after) into an empty PostgreSQL database, to move a school
    /// onto the province's server; the tip key (tip.key) is a file and
    /// moves apart.
    Copy {
        /// The PostgreSQL database to copy into (postgres://…).
        #[arg(long, value_name = "URL")]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TipKeyCommand {
    /// Make a new key and seal every tip, photo, message and staged upload
    /// anew under it, in one transaction; the new key replaces tip.key.
    /// Earlier backups keep needing the key written beside them.
    Rotate,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Print the default configuration file, with comments.
    PrintDefault,
}

impl Cli {
    pub(crate) fn overrides(&self) -> Overrides {
        let listen = match &self.command {
            Some(Command::Serve(s)) => s.listen.clone(),
            _ => None,
        };
        Overrides {
            config_file: self.global.config.clone(),
            data_dir: self.global.data_dir.clone(),
            database_url: self.global.database_url.clone(),
            listen: listen.or_else(|| env("ANTT_LISTEN")),
            secure_cookies: env("ANTT_SECURE_COOKIES")
                .map(|v| matches!(v.as_str(), "1" | "true" | "yes")),
            log: env("ANTT_LOG"),
            smtp_url: env("ANTT_SMTP_URL"),
            mail_from: env("ANTT_MAIL_FROM"),
            public_url: env("ANTT_PUBLIC_URL"),
            webhook_url: env("ANTT_WEBHOOK_URL"),
            webhook_secret: env("ANTT_WEBHOOK_SECRET"),
            trusted_proxies: env("ANTT_TRUSTED_PROXIES"),
            metrics_token: env("ANTT_METRICS_TOKEN"),
            password_cost: env("ANTT_PASSWORD_COST"),
        }
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_the_documented_commands() {
        let cli =
            Cli::try_parse_from(["antt", "serve", "--demo", "--listen", "0.0.0.0:9000"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Serve(ServeArgs { demo: true, .. }))
        ));
        assert_eq!(cli.overrides().listen.as_deref(), Some("0.0.0.0:9000"));
        let cli = Cli::try_parse_from([
            "antt",
            "--data-dir",
            "/tmp/x",
            "user",
            "add",
            "--unit",
            "CDLC",
            "--role",
            "guard",
            "--username",
            "bv",
        ])
        .unwrap();
        assert_eq!(
            cli.global.data_dir.as_deref(),
            Some(std::path::Path::new("/tmp/x"))
        );
        assert!(Cli::try_parse_from(["antt", "unit", "add", "--code", "X"]).is_err());
    }
}
