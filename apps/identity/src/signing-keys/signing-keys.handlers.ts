import { Controller } from '@nestjs/common';
import { GetJwks } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { SigningKeysService } from './signing-keys.service';

@Controller()
export class SigningKeysHandlers {
  constructor(private readonly signingKeys: SigningKeysService) {}

  @Handles(GetJwks)
  async jwks() {
    return { keys: await this.signingKeys.publicKeys() };
  }
}
