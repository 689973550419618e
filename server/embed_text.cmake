# Writes INPUT's text into OUTPUT as `parley::server::kOpenApiDocument`, a raw string literal.
file(READ ${INPUT} text)
file(WRITE ${OUTPUT} "// Generated from ${INPUT}.\nnamespace parley::server {\nextern const char* const kOpenApiDocument;\nconst char* const kOpenApiDocument = R\"parley_doc(${text})parley_doc\";\n}  // namespace parley::server\n")
