// The product catalog (vendor maintenance).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';

export type ProductQuery = NonNullable<paths['/api/catalog/products']['get']['parameters']['query']>;
export type NewProduct = paths['/api/catalog/products']['post']['requestBody']['content']['application/json'];
export type NewSpec = paths['/api/catalog/products/{product_id}/specs']['post']['requestBody']['content']['application/json'];
export type SpecChanges = NonNullable<paths['/api/catalog/products/{product_id}/specs/{spec_id}']['put']['requestBody']>['content']['application/json'];
export type Product = paths['/api/catalog/products/{product_id}']['get']['responses']['200']['content']['application/json'];
export type Spec = Product['specs'][number];

const key = ['catalog'] as const;

export function useProducts(query: ProductQuery) {
  return useQuery({
    queryKey: [...key, query],
    queryFn: () => unwrap(api.GET('/api/catalog/products', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

function useCatalogMutation<V>(fn: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
}

export const useCreateProduct = () => useCatalogMutation((body: NewProduct) => unwrap(api.POST('/api/catalog/products', { body })));

export const useSetProductStatus = () =>
  useCatalogMutation(({ id, status }: { id: string; status: 'on_sale' | 'off_sale' }) =>
    unwrap(api.PUT('/api/catalog/products/{product_id}', { params: { path: { product_id: id } }, body: { status } })),
  );

export const useAddSpec = () =>
  useCatalogMutation(({ productId, body }: { productId: string; body: NewSpec }) =>
    unwrap(api.POST('/api/catalog/products/{product_id}/specs', { params: { path: { product_id: productId } }, body })),
  );

export const useUpdateSpec = () =>
  useCatalogMutation(({ productId, specId, body }: { productId: string; specId: string; body: SpecChanges }) =>
    unwrap(api.PUT('/api/catalog/products/{product_id}/specs/{spec_id}', { params: { path: { product_id: productId, spec_id: specId } }, body })),
  );
