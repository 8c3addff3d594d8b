import { Controller, Header, Inject } from '@nestjs/common';
import {
  ArborError,
  DIRECTORY_PUBLIC_CACHE,
  GetOwnProfile,
  GetPracticeProfile,
  GetPracticeProfileRoute,
  GetProviderProfile,
  GetProviderProfileRoute,
  GetPublicPracticeRoute,
  GetPublicProviderRoute,
  PracticeBySlug,
  ProviderBySlug,
  PutPracticeProfileRoute,
  PutProviderProfileRoute,
  SearchDirectoryRoute,
  SearchListing,
  UpdateOwnProfile,
  UpdatePracticeProfile,
  UpdateProviderProfile,
  type Actor,
  type ProviderProfileResource,
  type ProviderProfileView,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import { CurrentActor } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';

/** Photos are not built yet: every profile answers `photoUrl: null` until they are. */
function resource({ emptySections, ...view }: ProviderProfileView): ProviderProfileResource {
  return { ...view, photoUrl: null, missing: emptySections };
}

/**
 * Profiles and the public directory. The directory service owns both; the gateway picks the
 * contract that matches who is asking: a provider about themself edits their own profile, an
 * Admin any provider's of the practice.
 */
@Controller()
export class DirectoryController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(GetProviderProfileRoute)
  async getProviderProfile(
    @RouteInput() { params }: Input<typeof GetProviderProfileRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof GetProviderProfileRoute>> {
    const view =
      actor.role === 'admin'
        ? await this.bus.send(GetProviderProfile, { actor, providerId: params.uid })
        : await this.bus.send(GetOwnProfile, { actor: this.himself(actor, params.uid) });
    return resource(view);
  }

  @Endpoint(PutProviderProfileRoute)
  async putProviderProfile(
    @RouteInput() { params, body }: Input<typeof PutProviderProfileRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof PutProviderProfileRoute>> {
    const view =
      actor.role === 'admin'
        ? await this.bus.send(UpdateProviderProfile, { actor, providerId: params.uid, changes: body })
        : await this.bus.send(UpdateOwnProfile, { actor: this.himself(actor, params.uid), changes: body });
    return resource(view);
  }

  @Endpoint(GetPracticeProfileRoute)
  getPracticeProfile(@CurrentActor() actor: Actor): Promise<RouteResponse<typeof GetPracticeProfileRoute>> {
    return this.bus.send(GetPracticeProfile, { actor });
  }

  @Endpoint(PutPracticeProfileRoute)
  putPracticeProfile(
    @RouteInput() { body }: Input<typeof PutPracticeProfileRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof PutPracticeProfileRoute>> {
    return this.bus.send(UpdatePracticeProfile, { actor, changes: body });
  }

  @Endpoint(SearchDirectoryRoute)
  @Header('cache-control', DIRECTORY_PUBLIC_CACHE)
  search(
    @RouteInput() { query }: Input<typeof SearchDirectoryRoute>,
  ): Promise<RouteResponse<typeof SearchDirectoryRoute>> {
    return this.bus.send(SearchListing, query);
  }

  @Endpoint(GetPublicProviderRoute)
  @Header('cache-control', DIRECTORY_PUBLIC_CACHE)
  publicProvider(
    @RouteInput() { params }: Input<typeof GetPublicProviderRoute>,
  ): Promise<RouteResponse<typeof GetPublicProviderRoute>> {
    return this.bus.send(ProviderBySlug, { slug: params.slug });
  }

  @Endpoint(GetPublicPracticeRoute)
  @Header('cache-control', DIRECTORY_PUBLIC_CACHE)
  publicPractice(
    @RouteInput() { params }: Input<typeof GetPublicPracticeRoute>,
  ): Promise<RouteResponse<typeof GetPublicPracticeRoute>> {
    return this.bus.send(PracticeBySlug, { slug: params.slug });
  }

  /** A provider may read and edit only their own profile; another provider's is not theirs. */
  private himself(actor: Actor, uid: string): Actor {
    if (actor.userId !== uid) throw new ArborError('forbidden', 'a provider edits only their own profile');
    return actor;
  }
}
