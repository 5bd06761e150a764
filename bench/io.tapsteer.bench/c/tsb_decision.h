/*
 * The software RSS steering decision in C, for the decision pairs: parse the frame (Ethernet, up to
 * two VLAN tags, IPv4 with options and fragments, IPv6 without extension headers), the hash-type
 * cascade of the virtio-net specification, the Toeplitz hash over the tuple, the indirection table.
 * The hash is a function the including program defines before including this header:
 *   static inline uint32_t tsb_tuple_hash(const uint8_t *addresses, int len, const uint8_t *ports);
 * the Toeplitz hash of the tuple: len bytes of addresses (source, then destination) as they lie in
 * the frame, then the 4 bytes of ports when ports is not NULL; len is a constant at every call, so
 * each call compiles to straight-line code.
 * Also the Microsoft RSS verification vectors, as frames, to check a hash before it is timed.
 */
#ifndef TSB_DECISION_H
#define TSB_DECISION_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define TSB_KEY_LEN 40
/* hash type bits, as io.tapsteer.api.frame.HashType */
#define TSB_IPV4 (1u << 0)
#define TSB_TCP4 (1u << 1)
#define TSB_UDP4 (1u << 2)
#define TSB_IPV6 (1u << 3)
#define TSB_TCP6 (1u << 4)
#define TSB_UDP6 (1u << 5)

static const uint8_t tsb_default_key[TSB_KEY_LEN] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa};

static inline uint32_t tsb_tuple_hash(const uint8_t *addresses, int len, const uint8_t *ports);

static inline unsigned tsb_u16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/*
 * The decision of one frame: returns the hash report value (2 TCPv4, 3 UDPv4, 1 IPv4, 5 TCPv6,
 * 6 UDPv6, 4 IPv6; 0 when no enabled type covers the frame) and the hash through *hash.
 */
static inline __attribute__((always_inline)) int tsb_decide(const uint8_t *f, uint32_t len, uint32_t types, uint32_t *hash)
{
	if (len < 14)
		return 0;
	unsigned et = tsb_u16(f + 12);
	uint32_t l3 = 14;
	for (int tag = 0; tag < 2 && (et == 0x8100 || et == 0x88a8); tag++) {
		if (len < l3 + 4)
			return 0;
		et = tsb_u16(f + l3 + 2);
		l3 += 4;
	}
	if (et == 0x0800) {
		if (len < l3 + 20 || f[l3] >> 4 != 4)
			return 0;
		uint32_t ihl = (f[l3] & 0xf) * 4u;
		if (ihl < 20 || len < l3 + ihl)
			return 0;
		int fragment = (tsb_u16(f + l3 + 6) & 0x3fff) != 0;
		unsigned proto = f[l3 + 9];
		uint32_t l4 = l3 + ihl;
		int report;
		if (!fragment && proto == 6 && (types & TSB_TCP4) && len >= l4 + 20)
			report = 2;
		else if (!fragment && proto == 17 && (types & TSB_UDP4) && len >= l4 + 8)
			report = 3;
		else if (types & TSB_IPV4)
			report = 1;
		else
			return 0;
		*hash = tsb_tuple_hash(f + l3 + 12, 8, report == 1 ? NULL : f + l4);
		return report;
	}
	if (et == 0x86dd) {
		if (len < l3 + 40 || f[l3] >> 4 != 6)
			return 0;
		unsigned next = f[l3 + 6];
		uint32_t l4 = l3 + 40;
		int report;
		if (next == 6 && (types & TSB_TCP6) && len >= l4 + 20)
			report = 5;
		else if (next == 17 && (types & TSB_UDP6) && len >= l4 + 8)
			report = 6;
		else if (types & TSB_IPV6)
			report = 4;
		else
			return 0;
		*hash = tsb_tuple_hash(f + l3 + 8, 32, report == 4 ? NULL : f + l4);
		return report;
	}
	return 0;
}

/* One row of the Microsoft vectors: source, destination (the table lists destination first), ports, TCP hash. */
struct tsb_vector {
	int v6;
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t hash;
};

static const struct tsb_vector tsb_vectors[] = {
	{0, {66, 9, 149, 187}, {161, 142, 100, 80}, 2794, 1766, 0x51ccc178},
	{0, {199, 92, 111, 2}, {65, 69, 140, 83}, 14230, 4739, 0xc626b0ea},
	{0, {24, 19, 198, 95}, {12, 22, 207, 184}, 12898, 38024, 0x5c2b394a},
	{0, {38, 27, 205, 30}, {209, 142, 163, 6}, 48228, 2217, 0xafc7327f},
	{0, {153, 39, 163, 191}, {202, 188, 127, 2}, 44251, 1303, 0x10e828a2},
	{1, {0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f, 0xff, 0, 0, 0, 0, 0, 0, 0, 0x07},
	 {0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0x01}, 2794, 1766, 0x40207d3d},
	{1, {0x3f, 0xfe, 0x05, 0x01, 0x00, 0x08, 0, 0, 0x02, 0x60, 0x97, 0xff, 0xfe, 0x40, 0xef, 0xab},
	 {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}, 14230, 4739, 0xdde51bbf},
	{1, {0x3f, 0xfe, 0x19, 0x00, 0x45, 0x45, 0x00, 0x03, 0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf},
	 {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf}, 44251, 38024, 0x02d1feef},
};

/* Builds a vector's frame (TCP or UDP: the tuple, so the hash, is the same) into f; returns its length. */
static inline uint32_t tsb_vector_frame(const struct tsb_vector *v, int udp, uint8_t *f)
{
	memset(f, 0, 128);
	f[12] = v->v6 ? 0x86 : 0x08;
	f[13] = v->v6 ? 0xdd : 0x00;
	uint8_t *ip = f + 14, *l4;
	if (v->v6) {
		ip[0] = 0x60;
		ip[6] = udp ? 17 : 6;
		memcpy(ip + 8, v->src, 16);
		memcpy(ip + 24, v->dst, 16);
		l4 = ip + 40;
	} else {
		ip[0] = 0x45;
		ip[9] = udp ? 17 : 6;
		memcpy(ip + 12, v->src, 4);
		memcpy(ip + 16, v->dst, 4);
		l4 = ip + 20;
	}
	l4[0] = v->sport >> 8;
	l4[1] = v->sport & 0xff;
	l4[2] = v->dport >> 8;
	l4[3] = v->dport & 0xff;
	return (uint32_t)(l4 - f) + (udp ? 8 : 20);
}

/* @return 0 when the decision hashes every vector (as TCP and as UDP) to its value, else 1 after a message */
static inline int tsb_check_vectors(const char *what)
{
	uint8_t f[128];
	for (size_t i = 0; i < sizeof(tsb_vectors) / sizeof(tsb_vectors[0]); i++)
		for (int udp = 0; udp < 2; udp++) {
			uint32_t len = tsb_vector_frame(&tsb_vectors[i], udp, f), h = 0;
			int report = tsb_decide(f, len, 0x3f, &h);
			int expected = tsb_vectors[i].v6 ? 5 + udp : 2 + udp;
			if (report != expected || h != tsb_vectors[i].hash) {
				fprintf(stderr, "%s: Microsoft vector %zu (%s) gives report %d hash %08x, not %d %08x\n", what, i,
					udp ? "UDP" : "TCP", report, h, expected, tsb_vectors[i].hash);
				return 1;
			}
		}
	return 0;
}

#endif
