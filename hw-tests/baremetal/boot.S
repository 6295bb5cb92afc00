/* SPDX-License-Identifier: Apache-2.0 */
/* Multiboot (v1) entry: 32-bit protected mode, paging off; a stack, then bm_main(magic, info). */
	.section .multiboot, "a"
	.align 4
	.long 0x1badb002              /* magic */
	.long 0x00000003              /* flags: modules page-aligned, memory map wanted */
	.long -(0x1badb002 + 0x00000003)

	.section .bss
	.align 16
stack_bottom:
	.skip 65536
stack_top:

	.section .text
	.global _start
_start:
	mov $stack_top, %esp
	fninit                        /* the x87 unit makes the 8-byte register stores */
	push %ebx                     /* multiboot information */
	push %eax                     /* magic 0x2badb002 */
	call bm_main
1:	hlt
	jmp 1b
	.section .note.GNU-stack, "", @progbits
