/* The ARNs of the listing open where the -j replay stands (cli/inputs.c):
 * an open-addressing set, linear probing, keyed SipHash. */
#ifndef LSC_CLI_LISTING_H
#define LSC_CLI_LISTING_H

#include <stddef.h>

/* The ARNs of the listing open at the replay's point (duplicate-certificate
 * spans the pages chained by nextPageToken, hence the chunks): each at the
 * document and certificate of its first appearance. */
typedef struct cli_listing cli_listing;
cli_listing *cli_listing_new(void);
void cli_listing_free(cli_listing *listing);
/* The listing ended: forget its ARNs. */
void cli_listing_clear(cli_listing *listing);
/* Add an ARN unless it is there already. -1 on out-of-memory. */
int cli_listing_add(cli_listing *listing, const char *arn, size_t len, size_t document,
                    size_t index);
int cli_listing_has(cli_listing *listing, const char *arn, size_t len);
/* Slots looked at so far by add and has (the tests' work count). */
size_t cli_listing_probes(const cli_listing *listing);
/* Call fn on every ARN; -1 as soon as fn returns nonzero. */
int cli_listing_each(const cli_listing *listing,
                     int (*fn)(void *user, const char *arn, size_t len, size_t document,
                               size_t index),
                     void *user);

#endif
