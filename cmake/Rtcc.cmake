# Helpers shared by every rtcc target. Our code builds with warnings as
# errors; generated ANTLR code is compiled with warnings off (see
# compiler/lib/Parse/CMakeLists.txt).
function(rtcc_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()

# rtcc_add_library(name SOURCES a.cpp ... LIBS dep ...)
function(rtcc_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/compiler/include
                                            ${PROJECT_SOURCE_DIR}/runtime/include)
  target_link_libraries(${name} PUBLIC ${ARG_LIBS})
  rtcc_warnings(${name})
endfunction()

# rtcc_add_unittest(name SOURCES a_test.cpp ... LIBS dep ...)
function(rtcc_add_unittest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  rtcc_warnings(${name})
  # Test code is compiled without optimisation: it was 45% of the Release
  # build's compile time and runs in seconds either way. The libraries under
  # test keep the build type's flags, so what is tested is what ships.
  if(NOT RTCC_OPTIMIZE_TESTS)
    target_compile_options(${name} PRIVATE -O0)
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "RTCC_SOURCE_DIR=${PROJECT_SOURCE_DIR};RTCC_BINARY_DIR=${PROJECT_BINARY_DIR}")
endfunction()

# Libraries the rtcc driver links: each library that has a command in
# tools/rtcc calls rtcc_driver_uses(<lib>).
function(rtcc_driver_uses)
  set_property(GLOBAL APPEND PROPERTY RTCC_DRIVER_LIBS ${ARGN})
endfunction()

# Adds every immediate subdirectory of the current one that has a
# CMakeLists.txt, so a new library or test folder needs no edit here.
function(rtcc_add_subdirectories)
  file(GLOB children LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}
       ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT children)
  foreach(child ${children})
    file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/${child})
    # RTCC_SKIP (a regex on the folder's path) leaves folders out while
    # they are being written; development aid only.
    if(RTCC_SKIP AND rel MATCHES "${RTCC_SKIP}")
      continue()
    endif()
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${child}/CMakeLists.txt)
      add_subdirectory(${child})
    endif()
  endforeach()
endfunction()
