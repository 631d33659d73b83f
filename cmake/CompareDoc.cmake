# Fails, with the command that fixes it, when the committed dialect reference
# differs from what mlir-tblgen generates from the ODS files.
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${GENERATED} ${COMMITTED}
                RESULT_VARIABLE different)
if(different)
  message(FATAL_ERROR "${COMMITTED} does not match the ODS definitions; "
                      "run `ninja -C build update-seq-dialect-doc` and commit it")
endif()
message(STATUS "${COMMITTED} matches the ODS definitions")
