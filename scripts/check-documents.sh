#!/usr/bin/env bash
# Proves that the Word files antt writes open in a real word processor: loads
# the demo into a scratch SQLite database, writes the 2026 plan of Trường Cao
# đẳng Lào Cai with `antt plan export`, has LibreOffice turn it into PDF, and
# checks the PDF: A4, more than one page, the national motto and the signer
# in the text. Copies of the DOCX and PDF stay in target/documents/ for
# people to look at.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# `.ci/run` passes the binary its test run just built; building `-p antt`
# alone would unify features differently and rebuild half the tree.
bin=${ANTT_BIN:-}
if [ -z "$bin" ]; then
  cargo build -q --locked -p antt
  bin=target/debug/antt
fi
db="sqlite://$dir/antt.sqlite3?mode=rwc"
"$bin" --database-url "$db" demo >/dev/null
"$bin" --database-url "$db" plan export --unit CDLC --year 2026 -o "$dir/ke-hoach-2026.docx"
"$bin" --database-url "$db" report yearly --unit CDLC --year 2026 -o "$dir/bao-cao-nam-2026.docx"
"$bin" --database-url "$db" fire dossier --unit CDLC --year 2026 -o "$dir/ho-so-pccc-2026.docx" >/dev/null
"$bin" --database-url "$db" fire dossier --unit CDLC --year 2026 -o "$dir/ho-so-pccc-2026.xlsx" >/dev/null
"$bin" --database-url "$db" dorm residence-list --unit CDLC -o "$dir/danh-sach-tam-tru.xlsx" >/dev/null
"$bin" --database-url "$db" dorm residence-list --unit CDLC -o "$dir/de-nghi-tam-tru.docx" >/dev/null
"$bin" --database-url "$db" report province --authority CATLC --year 2026 --years 5 -o "$dir/bao-cao-phong-trao-tinh.docx" >/dev/null

(cd "$dir" && timeout 300 soffice --headless --norestore \
  "-env:UserInstallation=file://$dir/profile" \
  --convert-to pdf ke-hoach-2026.docx >/dev/null 2>&1) || true
pdf="$dir/ke-hoach-2026.pdf"
if [ ! -s "$pdf" ]; then
  echo "documents: LibreOffice could not open the plan's DOCX"; exit 1
fi
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
size=$(pdfinfo "$pdf" | awk '/^Page size:/ {printf "%d x %d", $3, $5}')
text=$(pdftotext -layout "$pdf" -)
fail=0
[ "$pages" -ge 2 ] || { echo "documents: the plan has $pages page(s)"; fail=1; }
[ "$size" = "595 x 841" ] || { echo "documents: the page is $size pt, not A4"; fail=1; }
for expected in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
  "Số: 215/KH-CĐLC" "KẾ HOẠCH" "IV. TỔ CHỨC THỰC HIỆN" "Nơi nhận:" "Trần Xuân Trường"; do
  grep -qF "$expected" <<<"$text" || { echo "documents: the PDF lacks \"$expected\""; fail=1; }
done
# Numbers carry the unit's Vietnamese abbreviation, never its ASCII code.
if grep -qF -- "-CDLC" <<<"$text"; then echo "documents: the plan prints the ASCII code CDLC in a number"; fail=1; fi
mkdir -p target/documents
cp "$dir/ke-hoach-2026.docx" "$pdf" target/documents/
[ "$fail" -eq 0 ] || exit 1
echo "documents: the plan opens in LibreOffice: $pages A4 pages (target/documents/ke-hoach-2026.pdf)"

# The yearly report, written from the demo's records.
(cd "$dir" && timeout 300 soffice --headless --norestore \
  "-env:UserInstallation=file://$dir/profile" \
  --convert-to pdf bao-cao-nam-2026.docx >/dev/null 2>&1) || true
pdf="$dir/bao-cao-nam-2026.pdf"
if [ ! -s "$pdf" ]; then
  echo "documents: LibreOffice could not open the yearly report's DOCX"; exit 1
fi
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
text=$(pdftotext -layout "$pdf" -)
for expected in "BÁO CÁO" "Kết quả thực hiện Phong trào toàn dân bảo vệ an ninh Tổ" \
  "I. ĐẶC ĐIỂM TÌNH HÌNH" "II. KẾT QUẢ THỰC HIỆN" "HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN" \
  "6.500.000" "Biểu đồ: số buổi tuyên truyền" "Nơi nhận:" "/BC-CĐLC" \
  "Công tác phòng cháy, chữa cháy: theo dõi 284 phương tiện"; do
  grep -qF "$expected" <<<"$text" || { echo "documents: the report's PDF lacks \"$expected\""; fail=1; }
done
# Numbers as a paper writes them: thousands grouped ("2.004 học sinh"),
# and no count printed as a bare zero ("đã chuyển cơ quan Công an 0").
if grep -qE '[0-9]{4,} (học sinh|lượt|người|cán bộ|tin|vụ)' <<<"$text"; then
  echo "documents: the report prints a count without its thousands separator:"
  grep -oE '[0-9]{4,} (học sinh|lượt|người|cán bộ|tin|vụ)' <<<"$text" | head -3; fail=1
fi
if grep -qE '(Công an|Thành viên|vụ việc|vi phạm) 0([^0-9.,]|$)|[;,:] 0 [[:lower:]đ]' <<<"$text"; then
  echo "documents: the report prints a zero count as a number"; fail=1
fi
cp "$dir/bao-cao-nam-2026.docx" "$pdf" target/documents/
[ "$fail" -eq 0 ] || exit 1
echo "documents: the yearly report opens in LibreOffice: $pages A4 pages (target/documents/bao-cao-nam-2026.pdf)"

# The fire-safety dossier, with the register as its appendix.
(cd "$dir" && timeout 300 soffice --headless --norestore \
  "-env:UserInstallation=file://$dir/profile" \
  --convert-to pdf ho-so-pccc-2026.docx >/dev/null 2>&1) || true
pdf="$dir/ho-so-pccc-2026.pdf"
if [ ! -s "$pdf" ]; then
  echo "documents: LibreOffice could not open the fire-safety dossier's DOCX"; exit 1
fi
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
size=$(pdfinfo "$pdf" | awk '/^Page size:/ {print int($3)" x "int($5)}')
text=$(pdftotext -layout "$pdf" -)
[ "$size" = "595 x 841" ] || { echo "documents: the dossier's page is $size pt, not A4"; fail=1; }
for expected in "BÁO CÁO" "phòng cháy, chữa cháy và cứu nạn, cứu" "II. THÀNH PHẦN HỒ SƠ" \
  "Còn thiếu" "PHỤ LỤC I" "BC-001" "Diễn tập ngày 16/04/2026" "Nơi nhận:"; do
  grep -qF "$expected" <<<"$text" || { echo "documents: the dossier's PDF lacks \"$expected\""; fail=1; }
done
cp "$dir/ho-so-pccc-2026.docx" "$pdf" target/documents/
[ "$fail" -eq 0 ] || exit 1
echo "documents: the fire-safety dossier opens in LibreOffice: $pages A4 pages (target/documents/ho-so-pccc-2026.pdf)"

# The same dossier as an Excel workbook: LibreOffice opens it and finds
# the drill and the register in its sheets.
(cd "$dir" && timeout 300 soffice --headless --norestore \
  "-env:UserInstallation=file://$dir/profile" \
  --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76,1,,0,false,true,true,false,false,-1 \
  ho-so-pccc-2026.xlsx >/dev/null 2>&1) || true
sheets=$(cat "$dir"/ho-so-pccc-2026*.csv 2>/dev/null || true)
[ -n "$sheets" ] || { echo "documents: LibreOffice could not open the fire-safety dossier's XLSX"; exit 1; }
for expected in "Còn thiếu" "BC-001" "16/04/2026" "Huấn luyện nghiệp vụ PCCC"; do
  grep -qF "$expected" <<<"$sheets" || { echo "documents: the dossier's workbook lacks \"$expected\""; fail=1; }
done
cp "$dir/ho-so-pccc-2026.xlsx" target/documents/
[ "$fail" -eq 0 ] || exit 1
echo "documents: the fire-safety dossier's workbook opens in LibreOffice: $(ls "$dir"/ho-so-pccc-2026*.csv | wc -l) sheets"

# The temporary-residence list the ward police take: LibreOffice opens it
# and finds its title, the numbers in full and a boarder's room.
(cd "$dir" && timeout 300 soffice --headless --norestore \
  "-env:UserInstallation=file://$dir/profile" \
  --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76,1,,0,false,true,true,false,false,-1 \
  danh-sach-tam-tru.xlsx >/dev/null 2>&1) || true
list=$(cat "$dir"/danh-sach-tam-tru*.csv 2>/dev/null || true)
[ -n "$list" ] || { echo "documents: LibreOffice could not open the temporary-residence list"; exit 1; }
for expected in "ĐĂNG KÝ TẠM TRÚ" "Số định danh cá nhân" "Nhà A – A101" "Sắp hết hạn"; do
  grep -qF "$expected" <<<"$list" || { echo "documents: the temporary-residence list lacks \"$expected\""; fail=1; }
done
grep -qE '"?010[23][0-9]{8}"?' <<<"$list" || { echo "documents: the temporary-residence list has no full identification number"; fail=1; }
cp "$dir/danh-sach-tam-tru.xlsx" target/documents/
[ "$fail" -eq 0 ] || exit 1
echo "documents: the temporary-residence list opens in LibreOffice: $(grep -c "Nhà " <<<"$list") boarders"

# The request to the ward police in Word: LibreOffice opens it on A4
# landscape with its header, the list with full numbers, and its signer.
(cd "$dir" && timeout 300 soffice --headless --norestore \
  "-env:UserInstallation=file://$dir/profile" \
  --convert-to pdf de-nghi-tam-tru.docx >/dev/null 2>&1) || true
pdf="$dir/de-nghi-tam-tru.pdf"
[ -s "$pdf" ] || { echo "documents: LibreOffice could not open the residence request's DOCX"; exit 1; }
size=$(pdfinfo "$pdf" | awk '/^Page size:/ {printf "%d x %d", $3, $5}')
[ "$size" = "841 x 595" ] || { echo "documents: the residence request is $size pt, not A4 landscape"; fail=1; }
text=$(pdftotext -layout "$pdf" -)
for expected in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "DANH SÁCH" "đăng ký tạm trú" "Kính gửi" "Số định danh" "Nơi nhận:"; do
  grep -qF "$expected" <<<"$text" || { echo "documents: the residence request lacks \"$expected\""; fail=1; }
done
grep -qE '010[23][0-9]{8}' <<<"$text" || { echo "documents: the residence request has no full identification number"; fail=1; }
cp "$dir/de-nghi-tam-tru.docx" "$pdf" target/documents/
[ "$fail" -eq 0 ] || exit 1
echo "documents: the residence request opens in LibreOffice: $(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') A4 landscape pages"

# The province's five-year report, written from every unit's records:
# LibreOffice opens it on A4 with its police letterhead, the table of
# levels year by year, the targets and its recipients.
(cd "$dir" && timeout 300 soffice --headless --norestore \
  "-env:UserInstallation=file://$dir/profile" \
  --convert-to pdf bao-cao-phong-trao-tinh.docx >/dev/null 2>&1) || true
pdf="$dir/bao-cao-phong-trao-tinh.pdf"
[ -s "$pdf" ] || { echo "documents: LibreOffice could not open the province report's DOCX"; exit 1; }
size=$(pdfinfo "$pdf" | awk '/^Page size:/ {printf "%d x %d", $3, $5}')
[ "$size" = "595 x 841" ] || { echo "documents: the province report is $size pt, not A4"; fail=1; }
text=$(pdftotext -layout "$pdf" -)
for expected in "BỘ CÔNG AN" "CÔNG AN TỈNH LÀO CAI" "BÁO CÁO" "giai đoạn 2022–2026" \
  "Tồn tại, hạn chế" "KẾT QUẢ SO VỚI CHỈ TIÊU" "Cụm an ninh liên kết" "Nơi nhận:" "GIÁM ĐỐC"; do
  grep -qF "$expected" <<<"$text" || { echo "documents: the province report lacks \"$expected\""; fail=1; }
done
if grep -qE '([;,:]|trong đó|ban hành|cho) 0 [[:lower:]đ]' <<<"$text"; then
  echo "documents: the province report prints a zero count as a number"; fail=1
fi
if grep -qF -- "-CATLC" <<<"$text"; then
  echo "documents: the province report prints the ASCII code in its number"; fail=1
fi
cp "$dir/bao-cao-phong-trao-tinh.docx" "$pdf" target/documents/
[ "$fail" -eq 0 ] || exit 1
echo "documents: the province report opens in LibreOffice: $(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') A4 pages"
