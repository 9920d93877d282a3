# Writes OUTPUT: a C++ table of every stdlib .rtc file (relative path, text),
# so the rtcc binary carries its stdlib. Run by a custom command with
# -DSTDLIB_DIR=… -DOUTPUT=….
file(GLOB_RECURSE files RELATIVE ${STDLIB_DIR} ${STDLIB_DIR}/*.rtc)
list(SORT files)
set(out "// Generated from stdlib/ by cmake/EmbedStdlib.cmake. Do not edit.\n")
string(APPEND out "struct StdlibSource { const char *Path; const char *Text; };\n")
string(APPEND out "const StdlibSource StdlibSources[] = {\n")
foreach(f ${files})
  file(READ ${STDLIB_DIR}/${f} text)
  string(APPEND out "  {\"${f}\", R\"rtcstdlib(${text})rtcstdlib\"},\n")
endforeach()
string(APPEND out "  {nullptr, nullptr}};\n")
file(WRITE ${OUTPUT}.tmp "${out}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
