import io.kmsethereum.it.ItSupport

new ItSupport(servicesDir).ensureKey('03030303-0303-4303-8303-000000000006',
        '3636363636363636363636363636363636363636363636363636363636363636', 'alias/it-sign-message')
return true
