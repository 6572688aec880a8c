#!/usr/bin/env bash
# Import of a 20,000-row XLSX end to end (`antt import people`: read, check,
# write, in release, on a fresh SQLite database with the demo), next to the
# time pandas.read_excel takes only to read the same file. Prints both and
# their ratio.
#
#   bash bench/import.sh
#   ROWS=50000 bash bench/import.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bash bench/import.sh
#
# pandas and openpyxl go into a virtualenv under target/ (from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-20000}
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pandas openpyxl
fi
py="$venv/bin/python"
cargo build --release --quiet
bin=target/release/antt
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
db_args=()
backend=SQLite
if [ -n "${DATABASE_URL:-}" ]; then
  name="antt_import_bench_$$"
  psql "$DATABASE_URL" -qc "CREATE DATABASE $name" >/dev/null
  db_args=(--database-url "${DATABASE_URL%/*}/$name")
  backend=PostgreSQL
  trap 'rm -rf "$data"; psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name" >/dev/null' EXIT
fi
export ANTT_PASSWORD_COST=fast
"$bin" --data-dir "$data" "${db_args[@]}" demo >/dev/null
file="$data/sinh-vien-$ROWS.xlsx"
"$py" - "$file" "$ROWS" <<'PY'
import sys, random, datetime
from openpyxl import Workbook
path, rows = sys.argv[1], int(sys.argv[2])
random.seed(7)
families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Giàng", "Lò", "Vàng", "Sùng", "Đặng", "Bùi"]
middles = ["Văn", "Thị", "Minh", "Thu", "A", "Đức", "Ngọc", "Quang"]
givens = ["An", "Bình", "Chớ", "Dung", "Hà", "Hùng", "Lan", "Mai", "Páo", "Sử", "Tâm", "Yến"]
wb = Workbook(); ws = wb.active; ws.title = "DS"
ws.append(["TRƯỜNG CAO ĐẲNG LÀO CAI"]); ws.append(["DANH SÁCH SINH VIÊN"]); ws.append([])
ws.append(["STT", "MSSV", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Lớp", "Nội trú", "Điện thoại"])
for i in range(rows):
    born = datetime.date(2005, 1, 1) + datetime.timedelta(days=random.randrange(1500))
    ws.append([i + 1, f"SVB{i:06d}", f"{random.choice(families)} {random.choice(middles)} {random.choice(givens)}",
               born, random.choice(["Nam", "Nữ"]), random.choice(["Kinh", "Mông", "Tày", "Dao"]),
               f"CĐ Bench K{20 + i % 40}", random.choice(["x", ""]), f"09{random.randrange(10**8):08d}"])
    ws.cell(row=ws.max_row, column=4).number_format = "dd/mm/yyyy"
ws.append(["Tổng cộng", rows])
wb.save(path)
PY
size=$(du -k "$file" | cut -f1)
start=$(date +%s.%N)
"$bin" --data-dir "$data" "${db_args[@]}" import people "$file" --unit CDLC --create-missing >"$data/out.txt"
end=$(date +%s.%N)
antt_s=$(echo "$end - $start" | bc -l)
pandas_s=$("$py" - "$file" <<'PY'
import sys, time, pandas
t = time.perf_counter(); pandas.read_excel(sys.argv[1], header=3); print(f"{time.perf_counter() - t:.3f}")
PY
)
tail -1 "$data/out.txt"
printf '| %s | %s rows, %s KB | antt import (read, check, write) %.2f s | pandas.read_excel (read only) %.2f s | ratio %.2f |\n' \
  "$backend" "$ROWS" "$size" "$antt_s" "$pandas_s" "$(echo "$antt_s / $pandas_s" | bc -l)"
