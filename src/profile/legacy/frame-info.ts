// The frames pprof hides in legacy profiles (allocator, lock-profiler and
// CPU-profiler internals), chosen by the profile's sample types.

import type { ValueType } from '../types.js';
import type { FrameInfo } from './draft.js';

const HEAP_TYPE_SETS = [
  ['allocations', 'size'], // early Go profiles
  ['objects', 'space'],
  ['inuse_objects', 'inuse_space'],
  ['alloc_objects', 'alloc_space'],
  ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'], // Go legacy heap
];
const CONTENTION_TYPE_SETS = [['contentions', 'delay']];

const ALLOCATOR_FRAMES = [
  // libc entry points
  'calloc', 'cfree', 'malloc', 'free', 'memalign', 'do_memalign', '(__)?posix_memalign',
  'pvalloc', 'valloc', 'realloc',
  // tcmalloc
  'tcmalloc::.*', 'tc_calloc', 'tc_cfree', 'tc_malloc', 'tc_free', 'tc_memalign',
  'tc_posix_memalign', 'tc_pvalloc', 'tc_valloc', 'tc_realloc', 'tc_new', 'tc_delete',
  'tc_newarray', 'tc_deletearray', 'tc_new_nothrow', 'tc_newarray_nothrow',
  // macOS malloc zones
  'malloc_zone_malloc', 'malloc_zone_calloc', 'malloc_zone_valloc', 'malloc_zone_realloc',
  'malloc_zone_memalign', 'malloc_zone_free',
  // the Go runtime
  'runtime\\..*',
  // other allocation helpers
  'BaseArena::.*', '(::)?do_malloc_no_errno', '(::)?do_malloc_pages', '(::)?do_malloc',
  'DoSampledAllocation', 'MallocedMemBlock::MallocedMemBlock', '_M_allocate',
  '__builtin_(vec_)?delete', '__builtin_(vec_)?new', '__gnu_cxx::new_allocator::allocate',
  '__libc_malloc', '__malloc_alloc_template::allocate', 'allocate', 'cpp_alloc',
  'operator new(\\[\\])?', 'simple_alloc::allocate',
].join('|');

// Go runtime frames worth keeping when they are not at the top of the stack.
const ALLOCATOR_KEEP_FRAMES = ['runtime\\.panic', 'runtime\\.reflectcall', 'runtime\\.call[0-9]*'].join('|');

const CPU_PROFILER_FRAMES = [
  'ProfileData::Add', 'ProfileData::prof_handler', 'CpuProfiler::prof_handler',
  '__pthread_sighandler', '__restore',
].join('|');

const LOCK_PROFILER_FRAMES = [
  'RecordLockProfileData', '(base::)?RecordLockProfileData.*', '(base::)?SubmitMutexProfileData.*',
  '(base::)?SubmitSpinLockProfileData.*', '(base::Mutex::)?AwaitCommon.*', '(base::Mutex::)?Unlock.*',
  '(base::Mutex::)?UnlockSlow.*', '(base::Mutex::)?ReaderUnlock.*', '(base::MutexLock::)?~MutexLock.*',
  '(Mutex::)?AwaitCommon.*', '(Mutex::)?Unlock.*', '(Mutex::)?UnlockSlow.*', '(Mutex::)?ReaderUnlock.*',
  '(MutexLock::)?~MutexLock.*', '(SpinLock::)?Unlock.*', '(SpinLock::)?SlowUnlock.*',
  '(SpinLockHolder::)?~SpinLockHolder.*',
].join('|');

function hasTypes(types: readonly ValueType[], sets: string[][]): boolean {
  return sets.some((set) => set.length === types.length && set.every((t, i) => types[i].type === t));
}

/** legacyFrameInfo picks the drop/keep frame regexps for a legacy profile's sample types. */
export function legacyFrameInfo(types: readonly ValueType[]): FrameInfo {
  if (hasTypes(types, HEAP_TYPE_SETS)) return { dropFrames: ALLOCATOR_FRAMES, keepFrames: ALLOCATOR_KEEP_FRAMES };
  if (hasTypes(types, CONTENTION_TYPE_SETS)) return { dropFrames: LOCK_PROFILER_FRAMES, keepFrames: '' };
  return { dropFrames: CPU_PROFILER_FRAMES, keepFrames: '' };
}
