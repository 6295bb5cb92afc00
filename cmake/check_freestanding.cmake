cmake_policy(SET CMP0007 NEW)
# Compiles every oracles/*.c with -ffreestanding -nostdlib and links them into
# one relocatable object; then lists the symbols still undefined.  Only memcpy
# and memset (which a compiler may emit on its own) are allowed.
file(GLOB sources ${SRC}/oracles/*.c)
file(MAKE_DIRECTORY ${OUT})
set(objects "")
foreach(src ${sources})
  get_filename_component(name ${src} NAME_WE)
  set(obj ${OUT}/${name}.o)
  execute_process(
    COMMAND ${CC} -std=c11 -O2 -ffreestanding -fno-builtin -nostdlib -fno-stack-protector
            -Wall -Wextra -Werror -I${SRC}/include -I${SRC} -c ${src} -o ${obj}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "oracle is not freestanding: ${src}\n${err}")
  endif()
  list(APPEND objects ${obj})
endforeach()
execute_process(COMMAND ${CC} -nostdlib -r -o ${OUT}/oracle_all.o ${objects}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "freestanding link failed\n${err}")
endif()
execute_process(COMMAND nm -u ${OUT}/oracle_all.o OUTPUT_VARIABLE undefined)
string(REGEX REPLACE "[ \t]*U[ \t]+" "" undefined "${undefined}")
string(REPLACE "\n" ";" undefined "${undefined}")
list(REMOVE_ITEM undefined "" memcpy memset)
if(undefined)
  message(FATAL_ERROR "oracle uses symbols a freestanding build lacks: ${undefined}")
endif()
