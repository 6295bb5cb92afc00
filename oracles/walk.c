// SPDX-License-Identifier: Apache-2.0
/*
 * The one paging engine.  A stage (second stage, first stage, or the first
 * stage of a nested walk, whose table addresses the second stage translates)
 * is data: which shape each level has, which bits grant permission, which
 * fault each failure gives.  Per level the
 * engine fetches the entry, tests presence, accumulates permissions, checks
 * reserved bits and either stops at a leaf or descends.
 *
 * Levels count from 1 (the 4 KiB level); level L indexes input bits
 * 12 + 9*(L-1) .. 20 + 9*(L-1) (dmar_level_shift).
 */
#include "oracles/walk.h"
#include "oracles/bits.h"

static unsigned flag(uint64_t raw, uint8_t bit, unsigned if_none)
{
	return bit == DMAR_NO_BIT ? if_none : dmar_bit(raw, bit);
}

/* the permissions one present entry grants */
static uint8_t entry_perm(const struct dmar_stage *st, uint64_t raw)
{
	return (uint8_t)(flag(raw, st->r_bit, 1) * DMAR_PERM_R | flag(raw, st->w_bit, 0) * DMAR_PERM_W |
			 flag(raw, st->u_bit, 1) * DMAR_PERM_U);
}

/* the shape of an entry at `level`, now that its PS bit is known */
static bool is_leaf(const struct dmar_stage *st, unsigned level, uint64_t raw)
{
	/* PS=1 makes a leaf where the level allows one (vtd-notes 4.1) */
	return level == 1 ||
	       (st->leaf_shape[level] && st->leaf_ok[level] && dmar_bit(raw, DMAR_PG_PS));
}

/*
 * A walk stopped at `level` (the entry could not be fetched, is not present
 * or has a reserved bit set), or that found a large page there, may still go
 * on below: paging-structure caches are
 * looked up by DID and input prefix (vtd-notes 9.1), so a copy of a deeper
 * entry for this address, which an invalidation of the upper one did not
 * remove, lets the unit skip the levels above it.  Returns the level of the
 * copy the walk goes on from (0: none, it stops), with its value in *raw and
 * the rights the levels above it granted when it was cached in *kept_above.
 */
static unsigned deeper_copy(struct dmar_walk *w, const struct dmar_stage *st, unsigned level,
			    uint64_t input, bool fetched, uint64_t *raw, uint8_t *kept_above)
{
	uint64_t alt[DMAR_MAX_STALE][8], cand[DMAR_MAX_STALE], none[8];
	uint32_t why[DMAR_MAX_STALE], cand_why[DMAR_MAX_STALE];
	uint8_t cand_level[DMAR_MAX_STALE], above[DMAR_MAX_STALE], cand_above[DMAR_MAX_STALE];
	struct dmar_cache_key key;
	unsigned lv, n = 0, i, got, pick;

	if (!w->cache || w->probe)
		return 0;
	for (i = 0; i < 8; i++)
		none[i] = ~0ull; /* no copy equals it: every held value is listed */
	/* a fetch that aborted never met the copies of its own level: they count too (R78) */
	for (lv = fetched ? level - 1 : level; lv >= 1 && n < DMAR_MAX_STALE; lv--) {
		key = w->key;
		key.shape = st->table_shape[lv] ? st->table_shape[lv] : st->leaf_shape[lv];
		key.level = (uint8_t)lv;
		key.input = input;
		key.hpa = 0;
		key.nqw = 1;
		key.flags = (uint8_t)(st->key_flags | DMAR_KEY_COPIES); /* memory is not read */
		got = w->cache->stale(w->cache->ctx, &key, none, alt, why, above, NULL, DMAR_MAX_STALE);
		for (i = 0; i < got && i < DMAR_MAX_STALE && n < DMAR_MAX_STALE; i++) {
			/* a leaf's copy is the IOTLB's, with the rights it kept: iotlb_hits answers it */
			if (is_leaf(st, lv, alt[i][0]))
				continue;
			cand[n] = alt[i][0];
			cand_why[n] = why[i];
			cand_above[n] = above[i];
			cand_level[n++] = (uint8_t)lv;
		}
	}
	for (i = 0; i < n && w->trace; i++) { /* address 0: a copy found by its tags alone */
		lv = cand_level[i];
		dmar_trace_entry(w, DMAR_STEP_STALE, st->table_shape[lv] ? st->table_shape[lv] : st->leaf_shape[lv],
				 lv, 0, &cand[i], 1);
		if (w->trace->n && w->trace->n <= w->trace->cap) {
			w->trace->steps[w->trace->n - 1].arg = cand_why[i];
			w->trace->steps[w->trace->n - 1].reason = cand_above[i];
		}
	}
	pick = dmar_choose(w, n, n ? cand_why : NULL);
	if (!pick)
		return 0;
	*raw = cand[pick - 1];
	*kept_above = cand_above[pick - 1];
	return cand_level[pick - 1];
}

/*
 * A walk that goes on from a paging-structure copy no longer depends on what
 * it read above it in this stage (the copy brings its own rights, and the
 * unit need not have read those levels): with a cached value taken above,
 * it repeats the walk that read memory there, so it stops, emitting nothing.
 */
static bool repeats_another(struct dmar_walk *w, unsigned first_read)
{
	unsigned k;

	for (k = first_read; w->script && k + 1 < w->nread && k < 64; k++)
		if (w->script->choice[k]) {
			w->duplicate = true;
			return true;
		}
	return false;
}

int dmar_stage_walk(struct dmar_walk *w, const struct dmar_stage *st, unsigned levels,
		    uint64_t root, uint64_t input, struct dmar_stage_result *res)
{
	unsigned first_read = w->nread;
	uint64_t table = root, raw, rsvd, hpa;
	unsigned level, shift, to;
	uint8_t perm = DMAR_PERM_R | DMAR_PERM_W | DMAR_PERM_U, here, kept_above;
	bool leaf, fetched;

	res->from = res->held = 0;
	for (level = levels; level >= 1; level--) {
		shift = dmar_level_shift(level);
		hpa = table + (dmar_bits(input, shift + 8, shift) << 3);
		res->level = (uint8_t)level;
		res->perm = perm;
		/* nested: the table address is a guest address, translated first */
		if (st->table_gpa &&
		    !st->table_gpa(w, st->hook, hpa, level, level == levels, &hpa,
				   &res->table_perm[level]))
			return DMAR_WALK_FAULT;
		dmar_key_entry(w, st->table_shape[level] ? st->table_shape[level] : st->leaf_shape[level],
			       level, input, st->key_flags);
		w->key.above = perm; /* a copy made of this entry keeps them */
		fetched = dmar_read_entry(w, hpa, 1, &raw);
		if (fetched && w->took_above != DMAR_ABOVE_MEMORY) {
			/* a paging-structure copy: the unit went on from it, with its rights (R85) */
			if (repeats_another(w, first_read))
				return DMAR_WALK_FAULT;
			perm = w->took_above;
			res->from = (uint8_t)level;
		}
		if (fetched && w->read_held && !is_leaf(st, level, raw))
			res->held = (uint8_t)level; /* a copy like memory: the unit may have skipped to it */
		leaf = fetched && is_leaf(st, level, raw);
		if (fetched) {
			res->entry_hpa[level] = hpa;
			res->entry[level] = raw;
			if (w->trace)
				dmar_trace_entry(w, DMAR_STEP_READ,
						 leaf ? st->leaf_shape[level] : st->table_shape[level], level, hpa,
						 &raw, 1);
		} else if (w->trace) {
			dmar_trace_entry(w, DMAR_STEP_ABORT, st->table_shape[level], level, hpa, 0, 0);
		}
		/*
		 * The entry stops the walk, or maps a large page: a cached copy of a deeper
		 * level for this address may take the walk on (the unit looks its caches up
		 * before memory, R103)
		 */
		if (w->cache && level > 1 &&
		    (!fetched || leaf || (raw & st->present_mask) == 0 ||
		     (raw & st->table_rsvd[level]))) {
			to = deeper_copy(w, st, level, input, fetched, &raw, &kept_above);
			if (to) {
				if (repeats_another(w, first_read))
					return DMAR_WALK_FAULT;
				perm = kept_above;
				dmar_entry_failed(w);
				level = to;
				shift = dmar_level_shift(level);
				res->level = (uint8_t)level;
				res->from = (uint8_t)level; /* levels from here up were not read now */
				res->entry_hpa[level] = 0;
				res->entry[level] = raw;
				leaf = is_leaf(st, level, raw);
				goto have_entry;
			}
		}
		if (!fetched) {
			dmar_check(w, DMAR_CHK_FETCH, true, 0, hpa);
			dmar_emit_fault(w, level == levels ? st->fault_root_fetch : st->fault_fetch);
			return DMAR_WALK_FAULT;
		}
have_entry:
		/* res->perm keeps what the levels above granted */
		if (dmar_check(w, DMAR_CHK_PRESENT, (raw & st->present_mask) == 0, 0, raw))
			return DMAR_WALK_NOT_PRESENT;
		here = entry_perm(st, raw);
		perm &= here;
		w->stop_open |= (perm & st->need) != st->need;
		res->perm = perm;
		res->kept[level] = perm;

		rsvd = raw & (leaf ? st->leaf_rsvd[level] : st->table_rsvd[level]);
		if (dmar_check(w, DMAR_CHK_RESERVED, rsvd != 0, st->fault_rsvd, rsvd)) {
			dmar_emit_fault(w, st->fault_rsvd);
			return DMAR_WALK_FAULT;
		}
		if (res->from != level)
			dmar_entry_ok(w);
		if (leaf) {
			res->size_lg2 = (uint8_t)shift;
			res->oa = raw & dmar_genmask(DMAR_PG_ADDR_HI, shift);
			res->leaf = raw;
			return DMAR_WALK_LEAF;
		}
		table = raw & dmar_genmask(DMAR_PG_ADDR_HI, 12);
	}
	return DMAR_WALK_FAULT; /* not reached: level 1 is always a leaf */
}
